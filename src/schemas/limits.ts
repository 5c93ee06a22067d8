/**
 * How much of a request is read at all. A request comes from a file, a portal, a schedule or anyone
 * who can start a workflow; these bounds are checked before anything is built from it, so that no
 * request can make the process that validates it allocate, recurse or loop without end. Each is far
 * above what any documented request needs.
 */
export const REQUEST_LIMITS = {
  /**
   * Characters of names and text values in all. The largest documented value, CreateInstance's
   * UserData (32 KB before Base64), is 43,692 characters; 128 Ki leaves room for everything else.
   */
  maxCharacters: 128 * 1024,
  /** Names, values and list items in all: CreateInstance with every disk and tag uses about 330. */
  maxValues: 2_000,
  /** Levels of nesting of a value: `DataDisk` → item → `Size` is 3. */
  maxDepth: 8,
  /** Parts of a dotted name: `DataDisk.16.KMSKeyId` has 3. */
  maxNameParts: 8,
  /** Characters of one parameter name, dotted or not. */
  maxNameLength: 128,
} as const;

/**
 * The most items of a list whose document gives no limit on N (ECS `Arn.N`, Kafka `VSwitchIds.N`):
 * far above any real use, and it keeps the list bounded like the others.
 */
export const UNDOCUMENTED_LIST_MAX = 100;
