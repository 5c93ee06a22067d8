/**
 * The inventory's look at load balancers: every page of DescribeLoadBalancers, against the emulator,
 * keeping the load balancers the jobs name and only those.
 */
import { LOAD_BALANCER_PAGE_SIZE, loadBalancers } from '../../src/activities/inventory';
import { Timeline } from '../../src/emulator/timeline';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.reset());

/** Puts `count` load balancers in the emulator's account, the even ones Active; returns their ids in order. */
function accountWith(count: number): string[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => {
    const LoadBalancerId = `lb-listed-${String(index).padStart(4, '0')}`;
    const status = new Timeline(index % 2 === 0 ? 'Active' : 'InActive', now);
    env.emulator.state.ens.loadBalancers.set(LoadBalancerId, {
      LoadBalancerId,
      request: { EnsRegionId: 'cn-chengdu-telecom' },
      status,
      CreateTime: now,
    });
    return LoadBalancerId;
  });
}

const pagesRead = () => env.emulator.state.calls.get('ens:DescribeLoadBalancers')?.get('OK') ?? 0;

describe('the inventory lists load balancers', () => {
  it('reads every page and keeps the ones named, with their status, and not the ones that are gone', async () => {
    const ids = accountWith(2 * LOAD_BALANCER_PAGE_SIZE + 30);
    const named = new Set<string>([ids[0]!, ids[LOAD_BALANCER_PAGE_SIZE + 1]!, ids.at(-1)!, 'lb-released-long-ago']);

    const found = await loadBalancers(env.cloud.call.bind(env.cloud), named);

    expect(found).toEqual([
      { ResourceId: ids[0], kind: 'ens-lb', Status: 'Active', Tags: [] },
      { ResourceId: ids[LOAD_BALANCER_PAGE_SIZE + 1], kind: 'ens-lb', Status: 'InActive', Tags: [] },
      { ResourceId: ids.at(-1), kind: 'ens-lb', Status: 'InActive', Tags: [] },
    ]);
    expect(pagesRead()).toBe(3);
  });

  it('stops at the page that reaches TotalCount, without reading an empty one after it', async () => {
    const ids = accountWith(2 * LOAD_BALANCER_PAGE_SIZE);
    const found = await loadBalancers(env.cloud.call.bind(env.cloud), new Set(ids.slice(-1)));
    expect(found.map((resource) => resource.ResourceId)).toEqual([ids[2 * LOAD_BALANCER_PAGE_SIZE - 1]]);
    expect(pagesRead()).toBe(2);
  });

  it('makes no call when no job names a load balancer', async () => {
    accountWith(5);
    expect(await loadBalancers(env.cloud.call.bind(env.cloud), new Set())).toEqual([]);
    expect(pagesRead()).toBe(0);
  });
});
