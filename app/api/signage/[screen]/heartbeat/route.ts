import { errorResponse } from "@/lib/http/responses";
import { readDeviceSecret } from "@/lib/signage/devices";
import { describeDevice, receiveHeartbeat } from "@/lib/signage/heartbeat";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    return Response.json(await receiveHeartbeat((await params).screen, request), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const device = new URL(request.url).searchParams.get("device");
    return Response.json(await describeDevice((await params).screen, device, readDeviceSecret(request)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
