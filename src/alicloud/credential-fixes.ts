import { own } from '../schemas/lookup';

/**
 * What to do about a call refused for its credentials. These codes mean the worker's configuration is
 * wrong, not the request: no retry can help, and whoever reads the failure needs the setting to change.
 */
const FIXES: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch:
    "the AccessKey secret does not match the AccessKey ID: check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the credential profile's secret) on the worker",
  'InvalidAccessKeyId.NotFound':
    'no such AccessKey ID: check ALIBABA_CLOUD_ACCESS_KEY_ID on the worker (a deleted key, or an STS key whose token expired: renew ALIBABA_CLOUD_SECURITY_TOKEN)',
  'InvalidAccessKeyId.Inactive': 'the AccessKey is disabled: enable it in the RAM console or configure an active one',
  'InvalidSecurityToken.Expired': 'the STS token expired: give the worker a fresh ALIBABA_CLOUD_SECURITY_TOKEN',
};

/** Every other InvalidSecurityToken.* code (Malformed, Mismatch, MismatchWithAccessKey, ...). */
const TOKEN_FIX =
  'the STS token is not valid for the AccessKey: set ALIBABA_CLOUD_SECURITY_TOKEN to the token issued with ALIBABA_CLOUD_ACCESS_KEY_ID (and none for a permanent key)';

/** `message`, followed by how to fix it when `code` is a credentials failure. */
export function withCredentialFix(code: string, message: string): string {
  const fix = own(FIXES, code) ?? (code.startsWith('InvalidSecurityToken.') ? TOKEN_FIX : undefined);
  if (!fix) return message;
  return `${message}${message.endsWith('.') ? '' : '.'} To fix: ${fix}.`;
}
