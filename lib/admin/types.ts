// Types the admin components may use without reaching into the store.
export type { Subscription, SubscriptionState } from "../store/types";
export type { AdminAnnouncementItem, AdminState, AuditEntry } from "../store/moderation-store";
export type { EmergencyEntry } from "../store/emergency-list-store";
