/** ENS's part of the emulator's state: edge load balancers and ARM servers. */
import type { Params } from '../api-error';
import type { Timeline } from '../timeline';

export interface LoadBalancer {
  LoadBalancerId: string;
  request: Params;
  status: Timeline<string>;
  CreateTime: number;
}

export interface ArmServer {
  ServerId: string;
  EnsRegionId: string;
  SpecName: string;
  PayType: 'PrePaid' | 'PostPaid';
  State: string;
  Status: string;
  CreationTime: number;
  /** Epoch ms. */
  ExpiredTime: number;
}

export class EnsState {
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly armServers = new Map<string, ArmServer>();

  reset(): void {
    this.loadBalancers.clear();
    this.armServers.clear();
  }

  snapshot(now: number) {
    return {
      loadBalancers: [...this.loadBalancers.values()].map((balancer) => ({
        LoadBalancerId: balancer.LoadBalancerId,
        LoadBalancerName: balancer.request.LoadBalancerName,
        LoadBalancerStatus: balancer.status.at(now),
        readyAt: balancer.status.since('Active'),
        ClientToken: balancer.request.ClientToken,
      })),
      armServers: [...this.armServers.values()].map((server) => ({
        ServerId: server.ServerId,
        ExpiredTime: new Date(server.ExpiredTime).toISOString(),
      })),
    };
  }
}
