/**
 * ApsaraMQ for Kafka (alikafka 2019-09-16): a pay-as-you-go order makes an instance in ServiceStatus
 * 0 (waiting to be deployed); StartInstance deploys it (1, 2, 3, then 5 running, or 101 on a deploy
 * error); ReleaseInstance takes it to 15, after which DeleteInstance removes it.
 */
import { ApiError, list, oneOf, required, requiredInteger, tags } from '../api-error';
import type { ActionContext, ProductApi } from '../action';
import type { KafkaInstance } from '../state/kafka';
import { Timeline } from '../timeline';

const DEPLOYED = 5;
const DEPLOY_ERROR = 101;
const RELEASED = 15;

function instanceOf({ params, state }: ActionContext): KafkaInstance {
  const id = required(params, 'InstanceId');
  const instance = state.kafka.instances.get(id);
  if (!instance || instance.deleted) {
    throw new ApiError('BIZ_INSTANCE_NOT_FOUND', `The instance ${id} does not exist.`, 400);
  }
  return instance;
}

function describe(instance: KafkaInstance, now: number) {
  const { deploy, order } = instance;
  return {
    InstanceId: instance.InstanceId,
    RegionId: instance.RegionId,
    OrderId: instance.OrderId,
    ServiceStatus: instance.serviceStatus.at(now),
    PaidType: 1,
    DeployType: Number(order.DeployType),
    SpecType: order.SpecType ?? 'normal',
    IoMax: order.IoMax ? Number(order.IoMax) : undefined,
    IoMaxSpec: order.IoMaxSpec,
    DiskSize: order.DiskSize ? Number(order.DiskSize) : undefined,
    Name: deploy?.Name ?? instance.InstanceId,
    VpcId: deploy?.VpcId,
    VSwitchId: deploy?.VSwitchId,
    ZoneId: deploy?.ZoneId,
    CreateTime: instance.CreateTime,
    // Pay-as-you-go instances do not expire; the API reports a far-future time.
    ExpiredTime: 4_102_415_999_000,
    Tags: { TagVO: instance.Tags },
  };
}

export const kafkaApi: ProductApi<'alikafka'> = {
  product: 'alikafka',
  hostId: 'alikafka.aliyuncs.com',
  successFields: { Code: 200, Success: true, Message: 'operation success.' },
  errorFields: { Success: false },
  actions: {
    CreatePostPayOrder(context) {
      const { params, state, now } = context;
      const RegionId = required(params, 'RegionId');
      requiredInteger(params, 'DeployType', { min: 4, max: 5 });
      const instance: KafkaInstance = {
        InstanceId: state.newId('alikafka_post-cn-', 12),
        OrderId: state.kafka.newOrderId(),
        RegionId,
        Tags: tags(params),
        order: params,
        deploy: undefined,
        serviceStatus: new Timeline(0, now),
        CreateTime: now,
        deleted: false,
      };
      state.kafka.instances.set(instance.InstanceId, instance);
      return { OrderId: instance.OrderId };
    },

    GetInstanceList({ params, now, state }) {
      required(params, 'RegionId');
      const ids = list(params, 'InstanceId');
      const wantedTags = tags(params);
      const matches = [...state.kafka.instances.values()].filter(
        (instance) =>
          !instance.deleted &&
          instance.RegionId === params.RegionId &&
          (ids.length === 0 || ids.includes(instance.InstanceId)) &&
          (!params.OrderId || instance.OrderId === params.OrderId) &&
          wantedTags.every((wanted) =>
            instance.Tags.some((tag) => tag.Key === wanted.Key && (!wanted.Value || tag.Value === wanted.Value)),
          ),
      );
      return { InstanceList: { InstanceVO: matches.map((instance) => describe(instance, now)) } };
    },

    StartInstance(context) {
      const { params, state, now } = context;
      const instance = instanceOf(context);
      required(params, 'RegionId');
      required(params, 'VpcId');
      required(params, 'ZoneId');
      if (!params.VSwitchId && !params['VSwitchIds.1']) required(params, 'VSwitchId');
      oneOf(params, 'DeployModule', ['vpc', 'eip'], 'vpc');
      const status = instance.serviceStatus.at(now);
      if (status !== 0) {
        throw new ApiError('BIZ_INSTANCE_STATUS_ERROR', `The instance is in ServiceStatus ${status}, not 0.`, 400);
      }
      const deploy = state.duration('kafkaDeployMs');
      instance.deploy = params;
      instance.serviceStatus
        .restart(1, now)
        .then(2, now + deploy * 0.2)
        .then(3, now + deploy * 0.6)
        .then(state.settings.kafkaDeployFails ? DEPLOY_ERROR : DEPLOYED, now + deploy);
      return {};
    },

    ReleaseInstance(context) {
      const { state, now } = context;
      const instance = instanceOf(context);
      instance.serviceStatus
        .restart(instance.serviceStatus.at(now), now)
        .then(RELEASED, now + state.duration('kafkaReleaseMs'));
      return {};
    },

    DeleteInstance(context) {
      const instance = instanceOf(context);
      const status = instance.serviceStatus.at(context.now);
      if (status !== RELEASED && status !== 0) {
        throw new ApiError('BIZ_INSTANCE_STATUS_ERROR', `Release the instance first (ServiceStatus ${status}).`, 400);
      }
      instance.deleted = true;
      return {};
    },
  },
};
