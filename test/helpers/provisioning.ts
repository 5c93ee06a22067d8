/**
 * A worker with the real activities, talking to the emulator over HTTP, on a fresh task queue.
 */
import { createActivities } from '../../src/activities';
import type { ProvisionEcsInstanceInput } from '../../src/workflows/provision-ecs-instance';
import type { ProvisionEnsLoadBalancerInput } from '../../src/workflows/provision-ens-load-balancer';
import type { ProvisionKafkaInstanceInput } from '../../src/workflows/provision-kafka-instance';
import type { EmulatedCloud } from './emulator';
import { withWorker, type TestWorkerOptions, type WorkerContext } from './temporal';

export function withCloudWorker<T>(
  env: EmulatedCloud,
  body: (context: WorkerContext) => Promise<T>,
  options: TestWorkerOptions = {},
): Promise<T> {
  // Throttled calls are retried after 20 ms instead of 2 s, so that fault tests stay quick.
  const activities = createActivities({ cloud: env.cloud, regionId: 'cn-hangzhou', throttledRetryDelayMs: 20 });
  return withWorker(activities, body, options);
}

/**
 * Valid inputs. They give no expected durations: the jobs wait on the emulator's clock, which its
 * answers give, so they are as fast as the emulator's time scale makes the resources.
 */
export const FAST = {
  ecs: (name: string): ProvisionEcsInstanceInput => ({
    request: {
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      SecurityGroupId: 'sg-bp15ed6xe1yxeycg7o****',
      VSwitchId: 'vsw-bp1s5fnvk4gn2tws03****',
      InstanceName: name,
      SystemDisk: { Category: 'cloud_essd', Size: 40 },
    },
  }),
  kafka: (name: string): ProvisionKafkaInstanceInput => ({
    order: {
      RegionId: 'cn-hangzhou',
      DeployType: 5,
      IoMaxSpec: 'alikafka.hw.2xlarge',
      PartitionNum: 50,
      DiskType: '1',
      DiskSize: 500,
    },
    deploy: {
      VpcId: 'vpc-bp1r4eg3yrxmygv****',
      VSwitchId: 'vsw-bp1j3sg5979fstnpl****',
      ZoneId: 'zonek',
      DeployModule: 'vpc',
      Name: name,
    },
  }),
  loadBalancer: (name: string): ProvisionEnsLoadBalancerInput => ({
    request: {
      EnsRegionId: 'cn-chengdu-telecom',
      LoadBalancerSpec: 'elb.s2.medium',
      PayType: 'PostPaid',
      NetworkId: 'n-5sax03dh2eyagujgsn7z9****',
      VSwitchId: 'vsw-5s78haoys9oylle6ln71m****',
      LoadBalancerName: name,
    },
  }),
};
