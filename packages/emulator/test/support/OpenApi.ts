import addFormats from "ajv-formats"
import Ajv2020 from "ajv/dist/2020.js"
import { parse } from "yaml"
import { readContractFile } from "../../../../test-support/contract.js"

const DocumentId = "https://cfbulk.test/email-security-openapi.json"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const isArray = (value: Json | undefined): value is ReadonlyArray<Json> => Array.isArray(value)

const isObject = (value: Json | undefined): value is { readonly [key: string]: Json } =>
  typeof value === "object" && value !== null && !isArray(value)

/** Whether `value` is a JSON value all the way down (as `JSON.parse` gives). */
const isJson = (value: unknown): value is Json => {
  if (value === null || ["boolean", "number", "string"].includes(typeof value)) return true
  if (Array.isArray(value)) return value.every(isJson)
  return typeof value === "object" && Object.values(value).every(isJson)
}

const toJson = (value: unknown): Json => {
  const json: unknown = JSON.parse(JSON.stringify(value))
  if (!isJson(json)) throw new Error("the OpenAPI document is not JSON data")
  return json
}

/** The raw document as JSON. */
export const openApiDocument = (): Json => toJson(parse(readContractFile("email-security-openapi.yml")))

const nullable = (type: Json | undefined): boolean => isArray(type) && type.includes("null")

/**
 * docs/wire-contract.md §12.6: a field declared `type: [x, 'null']` whose `enum` (or `allOf` of an enum)
 * has no `null` still accepts `null`, as the SDK types it. Strict Draft 2020-12 would reject it.
 */
export const lenientNullableEnums = (schema: Json): Json => {
  if (isArray(schema)) return schema.map(lenientNullableEnums)
  if (!isObject(schema)) return schema
  const walked: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(schema)) walked[key] = lenientNullableEnums(value)
  if (!nullable(walked.type)) return walked
  const enumValues = walked.enum
  if (isArray(enumValues) && !enumValues.includes(null)) {
    return { ...walked, enum: [...enumValues, null] }
  }
  if (walked.allOf !== undefined) {
    const { allOf, type, ...rest } = walked
    const types = isArray(type) ? type.filter((each) => each !== "null") : []
    return { ...rest, anyOf: [{ type: "null" }, { type: types, allOf }] }
  }
  return walked
}

/** Points the document's local `$ref`s at the registered document, so a piece of it compiles alone. */
const rebase = (schema: Json): Json => {
  if (isArray(schema)) return schema.map(rebase)
  if (!isObject(schema)) return schema
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#")
      ? `${DocumentId}${value}`
      : rebase(value)
  }
  return out
}

const at = (document: Json, path: ReadonlyArray<string>): Json | undefined => {
  let current: Json | undefined = document
  for (const key of path) current = isObject(current) ? current[key] : undefined
  return current
}

export type Operation =
  | "list"
  | "create"
  | "get"
  | "delete"
  | "cancel"
  | "messages"
  | "move"
  | "release"
  | "clientError"
  | "moveRequest"
  | "releaseRequest"

const Investigate = "/accounts/{account_id}/email-security/investigate"
const Bulk = `${Investigate}/bulk`
const operations: Record<Operation, ReadonlyArray<string>> = {
  list: ["paths", Bulk, "get", "responses", "200"],
  create: ["paths", Bulk, "post", "responses", "201"],
  get: ["paths", `${Bulk}/{job_id}`, "get", "responses", "200"],
  delete: ["paths", `${Bulk}/{job_id}`, "delete", "responses", "200"],
  cancel: ["paths", `${Bulk}/{job_id}/cancel`, "post", "responses", "200"],
  messages: ["paths", `${Bulk}/{job_id}/messages`, "get", "responses", "200"],
  move: ["paths", `${Investigate}/move`, "post", "responses", "200"],
  release: ["paths", `${Investigate}/release`, "post", "responses", "200"],
  clientError: ["components", "responses", "email-security_ClientError"],
  moveRequest: ["paths", `${Investigate}/move`, "post", "requestBody"],
  releaseRequest: ["paths", `${Investigate}/release`, "post", "requestBody"]
}

export interface Validation {
  readonly valid: boolean
  readonly errors: string
}

/**
 * Validators of each bulk operation's response body, and of the investigate move and release request
 * bodies, per the OpenAPI document (Draft 2020-12).
 */
export const makeValidators = (options: { readonly lenient: boolean }) => {
  const raw = openApiDocument()
  const document = options.lenient ? lenientNullableEnums(raw) : raw
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateSchema: false })
  addFormats.default(ajv)
  ajv.addSchema(isObject(document) ? { ...document, $id: DocumentId } : {}, DocumentId)
  const compiled = new Map<Operation, ReturnType<typeof ajv.compile>>()
  return (operation: Operation, body: unknown): Validation => {
    let validate = compiled.get(operation)
    if (validate === undefined) {
      const path = [...operations[operation], "content", "application/json", "schema"]
      const schema = at(document, path)
      const rebased = schema === undefined ? undefined : rebase(schema)
      if (!isObject(rebased)) {
        return { valid: false, errors: `the OpenAPI document has no schema at ${path.join(" > ")}` }
      }
      validate = ajv.compile(rebased)
      compiled.set(operation, validate)
    }
    const valid = validate(body) === true
    return { valid, errors: valid ? "" : ajv.errorsText(validate.errors, { separator: "\n" }) }
  }
}
