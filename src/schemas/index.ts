/** Every request schema, by the action it validates. */
import { validateRequest, type ValidationResult } from './common';
import { own } from './lookup';
import { CreateInstanceSchema, EcsStartInstanceSchema, RenewInstanceSchema } from './ecs';
import { CreateLoadBalancerSchema, RenewARMServerInstanceSchema } from './ens';
import { CreatePostPayOrderSchema, KafkaStartInstanceSchema } from './kafka';

export const REQUEST_SCHEMAS = {
  'alikafka:CreatePostPayOrder': CreatePostPayOrderSchema,
  'alikafka:StartInstance': KafkaStartInstanceSchema,
  'ecs:CreateInstance': CreateInstanceSchema,
  'ecs:StartInstance': EcsStartInstanceSchema,
  'ecs:RenewInstance': RenewInstanceSchema,
  'ens:CreateLoadBalancer': CreateLoadBalancerSchema,
  'ens:RenewARMServerInstance': RenewARMServerInstanceSchema,
} as const;

/** `product:Action` of every action that has a schema. */
export type ValidatedAction = keyof typeof REQUEST_SCHEMAS;

export const VALIDATED_ACTIONS = Object.keys(REQUEST_SCHEMAS) as ValidatedAction[];

export function isValidatedAction(name: string): name is ValidatedAction {
  return own(REQUEST_SCHEMAS, name) !== undefined;
}

/** Validates `input` as a request of `action`: the parsed request, or every issue. */
export function validateAction(action: ValidatedAction, input: unknown): ValidationResult<unknown> {
  return validateRequest(REQUEST_SCHEMAS[action] as unknown as Parameters<typeof validateRequest>[0], input);
}
