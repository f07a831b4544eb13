// A page body is assembled from bytes cached per job: copying the cached byte arrays into one is
// much cheaper than joining the items as strings and encoding the whole page to UTF-8 again.

const encoder = new TextEncoder()

export const utf8 = (text: string): Uint8Array => encoder.encode(text)

const comma = utf8(",")

/** `head`, the items separated by commas, then `tail`, as one byte array. */
export const joinBytes = (head: string, items: ReadonlyArray<Uint8Array>, tail: string): Uint8Array => {
  const start = utf8(head)
  const end = utf8(tail)
  let size = start.length + end.length + Math.max(0, items.length - 1) * comma.length
  for (const item of items) size += item.length
  const out = new Uint8Array(size)
  out.set(start, 0)
  let offset = start.length
  items.forEach((item, index) => {
    if (index > 0) {
      out.set(comma, offset)
      offset += comma.length
    }
    out.set(item, offset)
    offset += item.length
  })
  out.set(end, offset)
  return out
}
