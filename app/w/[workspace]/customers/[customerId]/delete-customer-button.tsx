"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteCustomerAction } from "./actions";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

/** "Delete" with a confirmation naming what goes; back to the customer list afterwards. */
export function DeleteCustomerButton({ workspace, customerId, name, orders, events }: { workspace: string; customerId: string; name: string; orders: number; events: number }) {
  const router = useRouter();
  async function remove(): Promise<string | void> {
    const result = await deleteCustomerAction({ workspace, customerId }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    router.push(`/w/${workspace}/customers`);
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" className="text-red-700 hover:bg-red-50 hover:text-red-800">
          <Trash2 aria-hidden className="size-4" />
          Delete
        </Button>
      }
      title={`Delete ${name}?`}
      description={`This permanently erases the customer with ${orders} ${orders === 1 ? "order" : "orders"} and ${events} ${events === 1 ? "event" : "events"} (right to erasure). It cannot be undone; download their data first if you need a copy.`}
      confirmLabel="Delete customer"
      onConfirm={remove}
    />
  );
}
