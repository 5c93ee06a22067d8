/**
 * Server-side validation of create and renew requests, with the same schemas the client uses, so a
 * bad request that slips past the client gets the answer the real API would give: the documented
 * code of the first issue, and every issue in the message.
 */
import { isValidatedAction } from '../actions';
import { validateAction } from '../actions';
import { own } from '../schemas/lookup';
import { CALL_PARAMETERS } from '../schemas/protocol';
import { ApiError, type Params } from './api-error';

/** A documented code for a bad parameter: the parameter's path, the code, and its status when not 400. */
type CodeRow = readonly [path: RegExp, code: string, httpStatus?: number];

/** Too many items of a list (`Tag.21`, `DataDisk.17`): the codes by product and list. */
const TOO_MANY = /^is (one too many|beyond the last position)/;
const TOO_MANY_CODES: Readonly<Record<string, readonly CodeRow[]>> = {
  ecs: [
    [/^Tag\./, 'QuotaExceed.Tags', 403],
    [/^DataDisk\./, 'InstanceDiskNumber.LimitExceed'],
  ],
  alikafka: [[/^Tag\./, 'BIZ_TAG_TAG_NUM_EXCEED']],
};

/** A tag key given twice. */
const REPEATED_TAG_KEY = 'repeats an earlier tag key';
const REPEATED_TAG_KEY_CODES: Readonly<Record<string, string>> = {
  ecs: 'Duplicate.TagKey',
  alikafka: 'BIZ_TAG_DUPLICATE_TAG_KEY',
};

/** ECS's CreateInstance error table. */
const ECS_CODES: readonly CodeRow[] = [
  [/^InstanceName$/, 'InvalidInstanceName.Malformed'],
  [/^HostName$/, 'InvalidHostName.Malformed'],
  [/^Password$/, 'InvalidPassword.Malformed'],
  [/^Description$/, 'InvalidDescription.Malformed'],
  [/^UserData$/, 'InvalidUserData.SizeExceeded'],
  [/^Period$/, 'InvalidPeriod'],
  [/^PeriodUnit$/, 'InvalidPeriodUnit.ValueNotSupported'],
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

/** Kafka's CreatePostPayOrder error table: its tag codes. */
const KAFKA_CODES: readonly CodeRow[] = [
  [/^Tag\.\d+\.Key$/, 'BIZ_TAG_TAGKEY_NOT_VALID'],
  [/^Tag\.\d+\.Value$/, 'BIZ_TAG_TAGVALUE_NOT_VALID'],
];

const FIELD_CODES: Readonly<Record<string, readonly CodeRow[]>> = { ecs: ECS_CODES, alikafka: KAFKA_CODES };

function rowFor(product: string, path: string, message: string): { code: string; httpStatus?: number } {
  if (message === 'is required') return { code: 'MissingParameter' };
  const repeated = message === REPEATED_TAG_KEY ? own(REPEATED_TAG_KEY_CODES, product) : undefined;
  if (repeated) return { code: repeated };
  const table = own(TOO_MANY.test(message) ? TOO_MANY_CODES : FIELD_CODES, product);
  const row = table?.find(([pattern]) => pattern.test(path));
  if (row) return { code: row[1], httpStatus: row[2] };
  // ENS documents `InvalidParameter.%s`, the service filling in the parameter's name.
  if (product === 'ens' && path) return { code: `InvalidParameter.${path.split('.')[0]}` };
  return { code: 'InvalidParameter' };
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
  const { code, httpStatus } = rowFor(product, first!.path, first!.message);
  throw new ApiError(code, `${message}.`, httpStatus);
}
