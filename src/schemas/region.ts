/**
 * A region id (`cn-hangzhou`, `ap-southeast-1`): lower-case words joined by hyphens. It becomes part
 * of an endpoint's host name, so nothing else may pass: not a dot, a slash, a colon or a `#`. Plain
 * data, without zod, so the workflows can check a job's RegionId without loading the schemas.
 */
export const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;
