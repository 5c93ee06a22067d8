"""Calls the emulator with Alibaba Cloud's official Python SDKs, which send booleans as True/False.

Environment: EMULATOR_ENDPOINT (http://127.0.0.1:PORT), ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET. Argument: the id of a subscription ARM server the emulator holds.
Prints one JSON object: each call's answer, or the error code it got.
"""

import json
import os
import sys

from alibabacloud_alikafka20190916 import models as kafka
from alibabacloud_alikafka20190916.client import Client as KafkaClient
from alibabacloud_ecs20140526 import models as ecs
from alibabacloud_ecs20140526.client import Client as EcsClient
from alibabacloud_ens20171110 import models as ens
from alibabacloud_ens20171110.client import Client as EnsClient
from alibabacloud_tea_openapi.models import Config

REGION = 'cn-hangzhou'


def client(sdk):
    return sdk(Config(
        access_key_id=os.environ['ALIBABA_CLOUD_ACCESS_KEY_ID'],
        access_key_secret=os.environ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
        endpoint=os.environ['EMULATOR_ENDPOINT'].removeprefix('http://'),
        protocol='http',
        region_id=REGION,
    ))


def outcome(call):
    """The answer's body, or the error code the SDK raised (it carries the API's Code)."""
    try:
        return {'body': call().body.to_map()}
    except Exception as error:  # reported, not raised: the test judges every outcome
        return {'error': getattr(error, 'code', None) or repr(error)}


def main(arm_server_id):
    results = {}

    ecs_client = client(EcsClient)
    create = dict(region_id=REGION, instance_type='ecs.g7.large', image_id='ubuntu_22_04_x64_20G_alibase.vhd')
    results['ecsDryRun'] = outcome(
        lambda: ecs_client.create_instance(ecs.CreateInstanceRequest(**create, dry_run=True)))
    results['ecsCreate'] = outcome(lambda: ecs_client.create_instance(ecs.CreateInstanceRequest(**create)))
    instance_id = results['ecsCreate'].get('body', {}).get('InstanceId')
    results['ecsStart'] = outcome(
        lambda: ecs_client.start_instance(ecs.StartInstanceRequest(instance_id=instance_id, dry_run=False)))

    kafka_client = client(KafkaClient)
    order = kafka.CreatePostPayOrderRequest(
        region_id=REGION, deploy_type=5, io_max_spec='alikafka.hw.2xlarge', partition_num=50)
    results['kafkaOrder'] = outcome(lambda: kafka_client.create_post_pay_order(order))
    listed = kafka_client.get_instance_list(kafka.GetInstanceListRequest(
        region_id=REGION, order_id=results['kafkaOrder'].get('body', {}).get('OrderId')))
    kafka_id = results['kafkaInstanceId'] = listed.body.instance_list.instance_vo[0].instance_id
    start = kafka.StartInstanceRequest(
        region_id=REGION, instance_id=kafka_id, vpc_id='vpc-bp1emulator', v_switch_id='vsw-bp1emulator',
        zone_id='zonek', deploy_module='vpc', is_eip_inner=False, cross_zone=True, is_set_user_and_password=False)
    results['kafkaStart'] = outcome(lambda: kafka_client.start_instance(start))

    renew = ens.RenewARMServerInstanceRequest(
        instance_id=arm_server_id, period=1, period_unit='Month', auto_renew=True)
    results['ensRenew'] = outcome(lambda: client(EnsClient).renew_armserver_instance(renew))

    print(json.dumps(results))


if __name__ == '__main__':
    main(sys.argv[1])
