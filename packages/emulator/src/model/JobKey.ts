// A job as one 32-bit number, carried inside each of its messages' investigate ids so that a move or
// release finds the message again from its id alone: no table of ids is kept, however many jobs
// are seeded.

/** Where a job key points: a seeded job by its index, or a created job by its creation number. */
export type JobRef =
  | { readonly _tag: "Seeded"; readonly index: number }
  | { readonly _tag: "Created"; readonly creation: number }

/** Created jobs have the top bit set; seeded indices stay below 10,000,000, far under it. */
const CreatedBit = 0x80000000

export const seededJobKey = (index: number): number => index >>> 0

export const createdJobKey = (creation: number): number => (CreatedBit | creation) >>> 0

export const readJobKey = (key: number): JobRef =>
  key >= CreatedBit ? { _tag: "Created", creation: key - CreatedBit } : { _tag: "Seeded", index: key }
