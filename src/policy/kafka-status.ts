/** Kafka's ServiceStatus values (GetInstanceList): plain data, read by the activities and the workflows. */
export const ServiceStatus = {
  waitingForDeploy: 0,
  running: 5,
  released: 10,
  expiredOrFrozen: 15,
  deployError: 101,
} as const;
