/** What the planning activity tells the meeting orchestration to do next. */
export type PlanStep =
  | { readonly kind: 'send'; readonly sendKeys: readonly string[] }
  | { readonly kind: 'sleep'; readonly until: string }
  | { readonly kind: 'done'; readonly reason: string };

export interface MeetingRef { readonly meetingId: string }
export interface SendRequest { readonly meetingId: string; readonly sendKey: string }

export type SendOutcome =
  | { readonly status: 'sent'; readonly providerMessageId: string }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'skipped'; readonly reason: string };

export interface BroadcastCursor { readonly after?: string }
export interface NotifyPage { readonly next?: string; readonly notified: number }
