// Answers on which the fast decoders must agree with Schema as a BulkJobs layer is built (see
// AnswerDecoders): every field of every shape, absent and null optionals, old-API counters, unknown
// keys at every level, unknown enum values and action types, dates with fractions and offsets.

const search =
  `"search_params":{"alert_id":"a1","detections_only":true,"domain":null,"start":"2022-06-25T14:30:00Z",
"end":"2022-07-25T14:30:00.5+02:00","exact_subject":"s","message_id":null,"metric":"m","query":"q","recipient":null,
"sender":"s@example.com","smtp_helo_ip":"192.0.2.1","subject":null,"submissions":false,"action_log":false,"x":[1],
"delivery_status":"delivered","final_disposition":null,"message_action":"MOVED"}`

const job =
  `{"job_id":"f174e90a-fafe-4643-bbbc-4a0ed4fc8415","action_type":"MOVE","action_params":{"type":"MOVE",
"destination":"Archive","expected_disposition":null,"x":1},${search},"status":"PAUSED","total_messages_discovered":9,
"messages_pending":0,"messages_successful":5,"messages_failed":3,"messages_skipped":1,"messages_cancelled":0,
"comment":"c","created_at":"2022-07-25T14:31:02Z","started_at":"2022-07-25T14:31:05.123456Z","completed_at":null,
"status_message":"done","x_added":{"v":2}}`

const counts =
  `"total_messages_discovered":1,"messages_pending":0,"messages_successful":1,"messages_failed":0`

const jobs = `[${job},{"x_first":true,"job_id":"3C1A2B4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D","action_type":"RELEASE",
"action_params":{"type":"RELEASE"},"search_params":{},"status":"COMPLETED",${counts},
"created_at":"2022-07-26T09:00:00-05:30"},
{"job_id":"9b2e7f10-4c3d-4e5f-a6b7-c8d9e0f1a2b3","action_type":"PURGE","action_params":{"folder":"x","type":"PURGE"},
"search_params":{"start":"2022-06-25","delivery_status":null},"status":"PENDING",${counts},"messages_skipped":0,
"created_at":"2022-07-27T10:00:00.1Z","comment":null,"started_at":null,"status_message":null},
{"job_id":"0b2e7f10-4c3d-4e5f-a6b7-c8d9e0f1a2b3","action_type":"MOVE","action_params":{"type":"MOVE",
"destination":"Inbox","expected_disposition":"SPAM"},"search_params":{"message_action":null},"status":"FAILED",
${counts},"created_at":"2022-07-28T23:59:59.999Z"}]`

const record = `{"x":1,"id":"4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678","ts":"2024-01-05T10:00:00Z",
"client_recipients":["me@example.com"],"postfix_id":"4Njp3P0STMz2c02Q","detection_reasons":["spoof"],
"action_log":[{"a":1},null],"is_quarantined":false,"is_phish_submission":true,"properties":{"k":[1],"n":null},
"alert_id":null,"message_id":"<m@example.com>","postfix_id_outbound":null,"edf_hash":"e","htmltext_structure_hash":null,
"final_disposition":"MALICIOUS","validation":{"spf":"pass"},"delivery_mode":"CARRIER_PIGEON","delivery_status":["moved",
"teleported"],"post_delivery_operations":["PREVIEW"],"envelope_from":"a@example.com","envelope_to":["b@example.com"],
"from":"a@example.com","from_name":null,"replyto":"r@example.com","to":["b@example.com"],"to_name":null,"subject":"hi",
"scanned_at":"2024-01-05T10:00:01Z","sent_at":null,"sent_date":"Fri","threat_categories":null,"smtp_helo_server_ip":"a",
"smtp_previous_hop_ip":null,"x_originating_ip":"192.0.2.3","findings":[{"f":1}]}`

const messages = `[{"message_id":"m1","postfix_id":"p1","action_type":"MOVE","action_params":{"type":"MOVE",
"destination":"JunkEmail","expected_disposition":"SPAM","client_recipient":"me@example.com"},"status":"COMPLETED",
"retry_count":0,"created_at":"2024-01-05T10:00:00Z","alert_id":"a1","email_message_id":"<m@example.com>",
"processed_at":"2024-01-05T10:00:02.5Z","retry_after":null,"status_message":null,"message":${record},"x":true},
{"message_id":"m2","postfix_id":"p2","action_type":"RELEASE","action_params":{"type":"RELEASE","client_recipient":"c"},
"status":"DISCOVERING","retry_count":2,"created_at":"2024-01-05T10:00:00+01:00","message":{"id":"i","postfix_id":"p2",
"client_recipients":[],"detection_reasons":[],"is_quarantined":true,"is_phish_submission":false,"validation":null}},
{"message_id":"m3","postfix_id":"p3","action_type":"PURGE","action_params":{"type":"PURGE","client_recipient":"c"},
"status":"WAITING","retry_count":1,"created_at":"2024-01-05T10:00:00Z","processed_at":null,"retry_after":"2024-01-05"}]`

const notes =
  `"errors":[],"messages":[{"code":10000,"message":"note","documentation_url":"https://example.com",
"source":{"pointer":"/result","x":1},"x":2},{"code":10001,"message":"bare"}]`

const parse = (text: string): unknown => JSON.parse(text)

/** One answer of each kind BulkJobs decodes, as `JSON.parse` gives them: fresh for each check. */
export const canaryAnswers = () => ({
  jobPage: parse(
    `{"success":true,${notes},"result":${jobs},"result_info":{"count":4,"per_page":4,"total_count":0,
"page":0,"next":"c2","previous":null,"x":1},"x":0}`
  ),
  messagePage: parse(`{"success":true,"result":${messages}}`),
  job: parse(`{"x":0,"success":true,${notes},"result":${job},"result_info":{}}`),
  deleted: parse(`{"success":true,"result":{"id":"f174e90a-fafe-4643-bbbc-4a0ed4fc8415","x":1}}`)
})
