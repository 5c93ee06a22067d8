// Everything the worker registers as a workflow.
export { ping } from './ping';
export { provisionKafkaInstance } from './provision-kafka-instance';
export { provisionEcsInstance } from './provision-ecs-instance';
export { provisionEnsLoadBalancer } from './provision-ens-load-balancer';
export { renewArmServerInstance } from './renew-arm-server-instance';
export { renewEcsInstance } from './renew-ecs-instance';
export { renewFleet } from './renew-fleet';
export { renewEcsFleet } from './renew-ecs-fleet';
export { lookUpResources } from './look-up-resources';
export { adoptResource } from './adopt-resource';
export { releaseResource } from './release-resource';
