import type { NonEmpty } from "../random/SeededRandom.js"

// Plausible values for seeded jobs and messages. Only reserved example domains and documentation
// IP ranges (RFC 2606, RFC 5737) are used, so nothing seeded points at a real mailbox or host.

export const CustomerDomains: NonEmpty<string> = [
  "example.com",
  "example.org",
  "example.net",
  "corp.example.com",
  "mail.example.org"
]

export const SenderDomains: NonEmpty<string> = [
  "promo.example.net",
  "billing-example.net",
  "news.example.org",
  "secure-login.example.com",
  "invoices.example.net",
  "deals.example.org",
  "example-shipping.net"
]

export const SenderLocalParts: NonEmpty<string> = [
  "noreply",
  "billing",
  "newsletter",
  "support",
  "security-alert",
  "accounts",
  "ceo",
  "payroll",
  "updates"
]

export const RecipientNames: NonEmpty<string> = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "mallory",
  "oscar",
  "peggy",
  "trent",
  "victor",
  "walter"
]

export const Subjects: NonEmpty<string> = [
  "Your invoice is overdue",
  "Action required: verify your account",
  "Weekly newsletter",
  "Password expires today",
  "Shared document: Q3 budget",
  "Package delivery failed",
  "Urgent wire transfer",
  "You have a new voicemail",
  "Limited time offer",
  "Payroll update for this month"
]

export const Queries: NonEmpty<string> = [
  "bob jones",
  "invoice",
  "gift card",
  "docusign",
  "wire transfer",
  "password reset",
  "unsubscribe"
]

export const Metrics: NonEmpty<string> = ["spam", "malicious", "spoof", "suspicious", "bulk"]

export const DetectionReasons: NonEmpty<string> = [
  "Sender domain registered recently",
  "Link to a credential-harvesting page",
  "Display name impersonates an executive",
  "Attachment with a macro",
  "Bulk sender with poor reputation",
  "SPF and DMARC failed",
  "Lookalike domain"
]

/** Why a whole job failed (its `status_message`). */
export const JobFailureReasons: NonEmpty<string> = [
  "The mailbox integration stopped responding: Microsoft Graph returned 503 for 20 consecutive requests",
  "The integration's credentials were revoked while the job was running",
  "Search failed: the search backend timed out after 3 attempts",
  "Too many messages failed to move; the job was stopped"
]

/** The mailbox is gone: a message that failed for this reason fails again when retried. */
export const UnreachableMailboxReason = "Mailbox not found for the recipient"

/** Why a message failed for good: moving or releasing it again fails the same way. */
export const PermanentFailureReasons: NonEmpty<string> = [
  UnreachableMailboxReason,
  "The message no longer exists in the mailbox",
  "Access denied: the integration lacks permission on this mailbox"
]

/** Why a message failed for now: moving or releasing it again works. */
export const TransientFailureReasons: NonEmpty<string> = [
  "Microsoft Graph returned 429 Too Many Requests after 3 attempts",
  "Gmail API returned 500 Internal Server Error after 3 attempts"
]

/** Why one message failed (its `status_message`). */
export const MessageFailureReasons: NonEmpty<string> = [
  ...PermanentFailureReasons,
  ...TransientFailureReasons
]

export const SkippedMessageReason = "Phish submissions cannot be moved or released"
export const CancelledMessageReason = "The job ended before this message was processed"
export const SkippedJobReason = "No message matching the search can be actioned"
