/**
 * The products and actions the project calls: API version, endpoint, and what a retry of each action
 * risks. One table, so the transport and the activities agree on which calls are safe to repeat.
 */

export type ProductName = 'alikafka' | 'ecs' | 'ens';

export interface Product {
  name: ProductName;
  /** The RPC API version, which also routes the call (the emulator relies on it). */
  version: string;
  /** Alibaba Cloud's public endpoint for the region (ENS has one central endpoint). */
  endpoint(regionId: string): string;
}

export const PRODUCTS: Readonly<Record<ProductName, Product>> = {
  alikafka: {
    name: 'alikafka',
    version: '2019-09-16',
    endpoint: (regionId) => `https://alikafka.${regionId}.aliyuncs.com`,
  },
  ecs: {
    name: 'ecs',
    version: '2014-05-26',
    // cn-hangzhou's endpoint keeps its historical spelling.
    endpoint: (regionId) =>
      regionId === 'cn-hangzhou' ? 'https://ecs-cn-hangzhou.aliyuncs.com' : `https://ecs.${regionId}.aliyuncs.com`,
  },
  ens: {
    name: 'ens',
    version: '2017-11-10',
    endpoint: () => 'https://ens.aliyuncs.com',
  },
};

export interface ActionSpec {
  product: ProductName;
  /**
   * True when the call changes something, so a timeout or dropped connection after it was sent
   * leaves its outcome unknown (the caller must reconcile before calling again).
   */
  mutating: boolean;
  /** Parameters the API takes as one JSON string rather than a flattened list. */
  json?: readonly string[];
}

const read = (product: ProductName, json?: readonly string[]): ActionSpec => ({ product, mutating: false, json });
const write = (product: ProductName, json?: readonly string[]): ActionSpec => ({ product, mutating: true, json });

export const ACTIONS = {
  'alikafka:CreatePostPayOrder': write('alikafka', ['ServerlessConfig']),
  'alikafka:GetInstanceList': read('alikafka'),
  'alikafka:StartInstance': write('alikafka'),
  'alikafka:ReleaseInstance': write('alikafka'),
  'alikafka:DeleteInstance': write('alikafka'),
  'ecs:CreateInstance': write('ecs'),
  'ecs:DescribeInstanceStatus': read('ecs'),
  'ecs:DescribeInstances': read('ecs', ['InstanceIds']),
  'ecs:StartInstance': write('ecs'),
  'ecs:StopInstance': write('ecs'),
  'ecs:RenewInstance': write('ecs'),
  'ecs:DeleteInstance': write('ecs'),
  'ens:CreateLoadBalancer': write('ens'),
  'ens:DescribeLoadBalancerAttribute': read('ens'),
  'ens:ReleaseInstance': write('ens'),
  'ens:DescribeARMServerInstances': read('ens', ['ServerIds', 'States', 'EnsRegionIds', 'ServerSpecs']),
  'ens:RenewARMServerInstance': write('ens'),
} as const satisfies Record<string, ActionSpec>;

/** `product:Action`, e.g. `ecs:CreateInstance`. */
export type ActionName = keyof typeof ACTIONS;

export function actionOf(name: ActionName): { spec: ActionSpec; product: Product; action: string } {
  const spec: ActionSpec = ACTIONS[name];
  return { spec, product: PRODUCTS[spec.product], action: name.slice(name.indexOf(':') + 1) };
}
