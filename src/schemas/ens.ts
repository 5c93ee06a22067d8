/**
 * ENS (Edge Node Service, 2017-11-10) requests: an edge load balancer, and the renewal of a
 * subscription ARM (AIC) server.
 */
import { z } from 'zod';
import type { Periods } from '../policy/periods';
import { boolean, clientToken, integerOneOf, notStartingWithUrl, oneOf, periodUnit, required, text } from './common';

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

/** Renewal lengths the document allows, in months or in years (the same list for both). */
const RENEW_LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12] as const;
export const RENEW_ARM_SERVER_PERIODS = { Month: RENEW_LENGTHS, Year: RENEW_LENGTHS } as const satisfies Periods;

/**
 * ens:RenewARMServerInstance. The project's copy of the document has no "required" column; which
 * parameters are required comes from the published parameter table (InstanceId, Period and
 * PeriodUnit yes, AutoRenew no). The action takes no ClientToken.
 */
export const RenewARMServerInstanceSchema = z.strictObject({
  // The subscription server to renew.
  InstanceId: text(),
  // How long: Period in PeriodUnit.
  Period: required(integerOneOf(RENEW_LENGTHS)),
  PeriodUnit: required(periodUnit(RENEW_ARM_SERVER_PERIODS)),
  // Whether to keep renewing automatically.
  AutoRenew: boolean().optional(),
});
export type RenewARMServerInstanceRequest = z.infer<typeof RenewARMServerInstanceSchema>;
