/**
 * The transport to Alibaba Cloud: one `@alicloud/pop-core` RPC client per product and region, made
 * when first needed and reused. Every call is a signed POST (GET would put the AccessKeyId and the
 * signature into a URL that pop-core copies into its error messages), has a timeout, and either
 * returns the parsed body or throws an AlibabaCloudError with the failure classified.
 */
import RPCClient from '@alicloud/pop-core';
import Credential from '@alicloud/credentials';
import { REGION_ID } from '../schemas/region';
import { isProtocolParameter, TIME_SCALE_HEADER } from '../schemas/protocol';
import { AlibabaCloudError, fromErrorBody, fromTransportError, secretValuesOf } from './errors';
import { encodeParams, type ApiParams } from './params';
import { actionOf, type ActionName } from '../actions';
import type { ProductName } from '../actions';

export interface AccessKeyCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Where credentials come from; asked before every call, so rotating STS tokens are picked up. */
export interface CredentialsSource {
  getCredentials(): Promise<AccessKeyCredentials>;
}

/** `@alicloud/credentials`' default chain: environment, OIDC, profile file, ECS RAM role. */
export function defaultCredentials(): CredentialsSource {
  let credential: Credential | undefined;
  return {
    async getCredentials() {
      credential ??= new Credential();
      const { accessKeyId, accessKeySecret, securityToken } = await credential.getCredential();
      if (!accessKeyId || !accessKeySecret) throw new Error('The Alibaba Cloud credential chain gave no AccessKey');
      return { accessKeyId, accessKeySecret, securityToken: securityToken || undefined };
    },
  };
}

export function staticCredentials(credentials: AccessKeyCredentials): CredentialsSource {
  return { getCredentials: () => Promise.resolve(credentials) };
}

/** One finished call, for logs and metrics: never carries parameters or credentials. */
export interface CallRecord {
  product: ProductName;
  action: string;
  regionId: string;
  /** `OK`, or the error code. */
  code: string;
  requestId: string | undefined;
  httpStatus: number | undefined;
  latencyMs: number;
}

export interface AlibabaCloudOptions {
  /** Region for calls whose parameters name none. */
  regionId: string;
  /** Sends every product to this URL instead of Alibaba Cloud's endpoints. */
  endpointOverride?: string;
  /** @default defaultCredentials() */
  credentials?: CredentialsSource;
  /** Per-call timeout (connect, and wait for the answer). @default 15 000 ms */
  timeoutMs?: number;
  /** Told about every call once it has finished. */
  onCall?: (record: CallRecord) => void;
}

/** A successful answer: the parsed JSON body (always has `RequestId`). */
export type ApiResponse = Record<string, unknown> & { RequestId?: string };

interface PopCoreEntry {
  response: { statusCode: number; headers?: Record<string, string | string[] | undefined> } | null;
}

interface PopCoreClient {
  request(action: string, params: object, options: object): Promise<[unknown, PopCoreEntry]>;
  keepAliveAgent: { destroy(): void };
}

type PopCoreConstructor = new (
  config: {
    endpoint: string;
    apiVersion: string;
    credentialsProvider: { getCredentials(): Promise<AccessKeyCredentials> };
  },
  verbose: boolean,
) => PopCoreClient;

/** A call refused before it was sent, for a parameter that must not be sent as it is. */
function notSent(action: string, product: ProductName, parameter: string, why: string): AlibabaCloudError {
  return new AlibabaCloudError({
    code: `InvalidParameter.${parameter}`,
    message: `${action} was not sent: ${parameter}: ${why}`,
    requestId: undefined,
    httpStatus: undefined,
    action,
    product,
    recommend: undefined,
    retryClass: 'terminal',
  });
}

/** The time scale an answer's header gives: a finite number of 0 or more, else none. */
function timeScaleOf(entry: PopCoreEntry): number | undefined {
  const header = entry.response?.headers?.[TIME_SCALE_HEADER];
  const scale = typeof header === 'string' && header.trim() !== '' ? Number(header) : Number.NaN;
  return Number.isFinite(scale) && scale >= 0 ? scale : undefined;
}

/** json-bigint (pop-core's parser) yields BigNumber objects and null-prototype objects: make plain data. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    if ('isBigNumber' in value || value.constructor?.name === 'BigNumber') {
      const text = (value as { toString(): string }).toString();
      const number = Number(text);
      return Number.isSafeInteger(number) ? number : text;
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]));
  }
  return value;
}

export class AlibabaCloud {
  private readonly clients = new Map<string, PopCoreClient>();
  private readonly credentials: CredentialsSource;
  /** The credentials of the latest call, to scrub them from anything the server says back. */
  private lastCredentials: AccessKeyCredentials | undefined;
  /**
   * How fast the cloud's clock runs against real time, as its last answer said: the emulator's time
   * scale; undefined for Alibaba Cloud, which says nothing of the kind.
   */
  timeScale: number | undefined;

  constructor(private readonly options: AlibabaCloudOptions) {
    this.credentials = options.credentials ?? defaultCredentials();
  }

  /** Where calls go: the override URL, or `alibaba-cloud` for the public endpoints. */
  get endpoint(): string {
    return this.options.endpointOverride ?? 'alibaba-cloud';
  }

  /** The region a call goes to: the one asked for, else its own `RegionId` parameter, else the default. */
  private regionOf(params: ApiParams, regionId: string | undefined, action: string, product: ProductName): string {
    const region =
      regionId || (typeof params.RegionId === 'string' && params.RegionId ? params.RegionId : this.options.regionId);
    // The region becomes part of the endpoint's host name: anything else could send the signed call elsewhere.
    if (!REGION_ID.test(region))
      throw notSent(action, product, 'RegionId', `"${region.slice(0, 64)}" is not a region id such as cn-hangzhou`);
    return region;
  }

  private clientFor(product: ReturnType<typeof actionOf>['product'], regionId: string): PopCoreClient {
    const endpoint = this.options.endpointOverride ?? product.endpoint(regionId);
    const key = `${product.name}|${endpoint}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = RPCClient as unknown as PopCoreConstructor;
      const credentialsProvider = {
        getCredentials: async () => (this.lastCredentials = await this.credentials.getCredentials()),
      };
      client = new Client({ endpoint, apiVersion: product.version, credentialsProvider }, true);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Calls `name` (e.g. `ecs:CreateInstance`) with `params` in the API's own names. `regionId` picks the
   * regional endpoint for actions that take no RegionId parameter (ECS StartInstance, RenewInstance).
   */
  async call<T extends ApiResponse = ApiResponse>(
    name: ActionName,
    params: ApiParams,
    options: { regionId?: string } = {},
  ): Promise<T> {
    const { spec, product, action } = actionOf(name);
    const regionId = this.regionOf(params, options.regionId, action, product.name);
    const wire = encodeParams(params, { json: spec.json });
    // pop-core lets a call's parameters override the protocol's own (`Action` among them): never send one.
    const smuggled = Object.keys(wire).find(isProtocolParameter);
    if (smuggled) throw notSent(action, product.name, smuggled, 'it is a parameter of the protocol, not of the call');
    const started = Date.now();
    const record = (code: string, requestId: string | undefined, httpStatus: number | undefined) =>
      this.options.onCall?.({
        product: product.name,
        action,
        regionId,
        code,
        requestId,
        httpStatus,
        latencyMs: Date.now() - started,
      });
    const context = () => ({
      action,
      product: product.name,
      mutating: spec.mutating,
      // The credentials, and the values of the request's secret parameters (Password, UserData, KMSKeyId...).
      secrets: [
        this.lastCredentials?.accessKeyId,
        this.lastCredentials?.accessKeySecret,
        this.lastCredentials?.securityToken,
        ...secretValuesOf(wire),
      ],
    });
    let body: Record<string, unknown>;
    let httpStatus: number | undefined;
    try {
      const [json, entry] = await this.clientFor(product, regionId).request(action, wire, {
        method: 'POST',
        formatParams: false,
        timeout: this.options.timeoutMs ?? 15_000,
      });
      body = toPlain(json) as Record<string, unknown>;
      httpStatus = entry.response?.statusCode;
      this.timeScale = timeScaleOf(entry);
    } catch (error) {
      const failure = this.failureOf(error, context());
      record(failure.code, failure.requestId, failure.httpStatus);
      throw failure;
    }
    // pop-core calls any body without a Code a success: check the status and Kafka's Success flag too.
    if (typeof body !== 'object' || body === null || (httpStatus ?? 200) >= 400 || body.Success === false) {
      const failure = fromErrorBody(typeof body === 'object' && body ? body : {}, httpStatus, context());
      record(failure.code, failure.requestId, failure.httpStatus);
      throw failure;
    }
    const response = body as T;
    record('OK', response.RequestId, httpStatus);
    return response;
  }

  private failureOf(error: unknown, context: Parameters<typeof fromTransportError>[1]): AlibabaCloudError {
    // pop-core throws an error carrying the parsed body when the answer has an error Code.
    const { data, entry } = (error ?? {}) as { data?: unknown; entry?: PopCoreEntry };
    if (data && typeof data === 'object') {
      return fromErrorBody(toPlain(data) as Record<string, unknown>, entry?.response?.statusCode, context);
    }
    return fromTransportError(error, context);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    for (const client of this.clients.values()) client.keepAliveAgent.destroy();
    this.clients.clear();
  }
}
