// Types the admin components may use without reaching into the store.
export type { Subscription, SubscriptionState } from "../store/types";
