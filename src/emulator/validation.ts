/**
 * Server-side validation of create and renew requests, with the same schemas the client uses, so a
 * bad request that slips past the client gets the answer the real API would give: the documented
 * code of the first issue, and every issue in the message.
 */
import { isValidatedAction, validateAction } from '../schemas';
import { ApiError, type Params } from './api-error';

/** Documented codes for a bad parameter, by the parameter's path (ECS's CreateInstance table). */
const ECS_CODES: readonly [RegExp, string][] = [
  [/^InstanceName$/, 'InvalidInstanceName.Malformed'],
  [/^HostName$/, 'InvalidHostName.Malformed'],
  [/^Password$/, 'InvalidPassword.Malformed'],
  [/^Description$/, 'InvalidDescription.Malformed'],
  [/^UserData$/, 'InvalidUserData.SizeExceeded'],
  [/^Period$/, 'InvalidPeriod'],
  [/^Tag\.\d+\.Key$/, 'InvalidTagKey.Malformed'],
  [/^Tag\.\d+\.Value$/, 'InvalidTagValue.Malformed'],
  [/^DataDisk\.\d+\.Size$/, 'InvalidDataDiskSize.ValueNotSupported'],
  [/^DataDisk\.\d+\.Category$/, 'InvalidDataDiskCategory.ValueNotSupported'],
  [/^SystemDisk\.Size$/, 'InvalidSystemDiskSize.ValueNotSupported'],
  [/^SystemDisk\.Category$/, 'InvalidSystemDiskCategory.ValueNotSupported'],
  [/^InternetChargeType$/, 'InvalidInternetChargeType.ValueNotSupported'],
  [/^InternetMaxBandwidthOut$/, 'InvalidInternetMaxBandwidthOut.Malformed'],
  [/^InternetMaxBandwidthIn$/, 'InvalidInternetMaxBandwidthIn.Malformed'],
  [/^PrivateIpAddress$/, 'InvalidPrivateIpAddress.Malformed'],
  [/^SpotStrategy$/, 'InvalidSpotStrategy'],
  [/^SpotPriceLimit$/, 'InvalidSpotPriceLimit'],
];

// Parameters of the call itself rather than of the request.
const CALL_PARAMETERS = new Set(['Action', 'Version']);

function codeFor(product: string, path: string, message: string): string {
  if (message === 'is required') return 'MissingParameter';
  if (product === 'ecs') return ECS_CODES.find(([pattern]) => pattern.test(path))?.[1] ?? 'InvalidParameter';
  // ENS documents `InvalidParameter.%s`, the service filling in the parameter's name.
  if (product === 'ens' && path) return `InvalidParameter.${path.split('.')[0]}`;
  return 'InvalidParameter';
}

/** Throws the API's answer to an invalid request of `product:action`; does nothing for other actions. */
export function validateOnServer(product: string, action: string, params: Params): void {
  const name = `${product}:${action}`;
  if (!isValidatedAction(name)) return;
  const request = Object.fromEntries(Object.entries(params).filter(([key]) => !CALL_PARAMETERS.has(key)));
  const result = validateAction(name, request);
  if (result.ok) return;
  const [first] = result.issues;
  const message = result.issues.map((issue) => `${issue.path || 'the request'} ${issue.message}`).join('; ');
  throw new ApiError(codeFor(product, first!.path, first!.message), `${message}.`);
}
