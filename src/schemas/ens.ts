/**
 * ENS (Edge Node Service, 2017-11-10) requests: an edge load balancer, and the renewal of a
 * subscription ARM (AIC) server.
 */
import { z } from 'zod';
import { boolean, clientToken, integerOneOf, notStartingWithUrl, oneOf, required, text } from './common';

// ---- ens:CreateLoadBalancer ----

/** ens:CreateLoadBalancer */
export const CreateLoadBalancerSchema = z.strictObject({
  // Where: the edge node, the network and its vSwitch.
  EnsRegionId: text(),
  NetworkId: text(),
  VSwitchId: text(),
  // What: the specification (elb.s2.medium, ...) and the billing, pay-as-you-go being the only one on offer.
  LoadBalancerSpec: text(),
  PayType: required(oneOf(['PostPaid'])),
  // Name: 1 to 80 characters, English or Chinese, not a URL; the system picks one when it is left out.
  LoadBalancerName: notStartingWithUrl(
    z.string().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  ).optional(),
  // Idempotence.
  ClientToken: clientToken().optional(),
});
export type CreateLoadBalancerRequest = z.infer<typeof CreateLoadBalancerSchema>;

// ---- ens:RenewARMServerInstance ----

/** Renewal periods the document allows, in PeriodUnit (the same list for months and years). */
const RENEW_PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12];

/**
 * ens:RenewARMServerInstance. The project's copy of the document has no "required" column; which
 * parameters are required comes from the published parameter table (InstanceId, Period and
 * PeriodUnit yes, AutoRenew no). The action takes no ClientToken.
 */
export const RenewARMServerInstanceSchema = z.strictObject({
  // The subscription server to renew.
  InstanceId: text(),
  // How long: Period in PeriodUnit.
  Period: required(integerOneOf(RENEW_PERIODS)),
  PeriodUnit: required(oneOf(['Month', 'Year'])),
  // Whether to keep renewing automatically.
  AutoRenew: boolean().optional(),
});
export type RenewARMServerInstanceRequest = z.infer<typeof RenewARMServerInstanceSchema>;
