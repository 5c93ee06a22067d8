/**
 * Which schedule renews a subscription: a fleet renewal that is not paused and whose listing selects
 * it (its regions and filters, as the fleet's own listing would apply them).
 */
import type { CloudResource } from '../activities/inventory';
import type { InputOf, WorkflowName } from '../job-kinds';

export interface ScheduleRecord {
  scheduleId: string;
  paused: boolean;
  workflowType: string;
  /** The input each run gets. */
  input: unknown;
}

/** A list filter selects when it is left out, or names the value. */
const among = (values: readonly unknown[] | undefined, value: unknown) =>
  values === undefined || values.includes(value);

/** What each scheduled kind's listing selects, by the kind of resource it renews. */
const SELECTS: { [W in WorkflowName]?: (input: InputOf<W>, resource: CloudResource) => boolean } = {
  renewEcsFleet: (input, resource) =>
    resource.kind === 'ecs' &&
    Array.isArray(input.regions) &&
    input.regions.includes(resource.RegionId ?? '') &&
    among(input.filters?.InstanceIds, resource.ResourceId) &&
    among(input.filters?.Status === undefined ? undefined : [input.filters.Status], resource.Status) &&
    (input.filters?.Tag ?? []).every((wanted) =>
      resource.Tags.some((tag) => tag.Key === wanted.Key && (wanted.Value === undefined || tag.Value === wanted.Value)),
    ),
  renewFleet: (input, resource) =>
    resource.kind === 'ens-arm' &&
    among(input.filters?.ServerIds, resource.ResourceId) &&
    among(input.filters?.EnsRegionIds, resource.EnsRegionId) &&
    among(input.filters?.ServerSpecs, resource.SpecName) &&
    among(input.filters?.States, resource.State),
};

/** The id of a schedule that renews `resource`, if one does. A schedule's input is read defensively. */
export function coveringSchedule(resource: CloudResource, schedules: readonly ScheduleRecord[]): string | undefined {
  return schedules.find((schedule) => {
    const selects = SELECTS[schedule.workflowType as WorkflowName] as
      | ((input: unknown, resource: CloudResource) => boolean)
      | undefined;
    if (schedule.paused || !selects || typeof schedule.input !== 'object' || schedule.input === null) return false;
    try {
      return selects(schedule.input, resource);
    } catch {
      // An input this version cannot read (written by another) covers nothing.
      return false;
    }
  })?.scheduleId;
}
