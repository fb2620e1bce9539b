import { AppError } from "@/lib/errors";
import { workspaceRoute } from "@/lib/auth/route";
import { exportCustomerData } from "@/lib/customers/personal-data";

type RouteParams = { params: Promise<{ workspace: string; customerId: string }> };

/**
 * GET: everything stored about one customer as a JSON download (right of access). Needs
 * customers.export, like other ways of taking customer data out of Segmenta.
 */
export async function GET(req: Request, route: RouteParams): Promise<Response> {
  const { customerId } = await route.params;
  const handler = workspaceRoute(
    async (ctx) => {
      const data = await exportCustomerData(ctx, customerId);
      if (!data) throw new AppError("not_found", "This customer doesn't exist in this workspace.");
      return new Response(`${JSON.stringify(data, null, 2)}\n`, {
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Disposition": `attachment; filename="customer-${data.customer.id}.json"`,
          "Cache-Control": "no-store",
        },
      });
    },
    { permission: "customers.export" },
  );
  return handler(req, route);
}
