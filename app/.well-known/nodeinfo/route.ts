import { handleFederationRequest } from "@/lib/federation/handle-request";

export const dynamic = "force-dynamic";

export const GET = handleFederationRequest;
export const POST = handleFederationRequest;
