"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SavedMapping } from "@/lib/import/draft";
import type { ImportChoices } from "@/lib/import/schemas";

function sameChoices(a: ImportChoices, b: ImportChoices): boolean {
  const key = (c: ImportChoices) => JSON.stringify({ ...c, columns: [...c.columns].sort((x, y) => x.index - y.index) });
  return key(a) === key(b);
}

/** The offer to reuse the mapping of an earlier file with the same columns; hidden when it is the mapping shown already. */
export function SavedMappingOffer({ saved, current, onUse }: { saved: SavedMapping; current: ImportChoices; onUse: (choices: ImportChoices) => void }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || sameChoices(saved.choices, current)) return null;
  const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(new Date(saved.savedAt));
  return (
    <Alert variant="info" title="This file has the same columns as one imported before">
      <p>The mapping used for {saved.fileName} may fit this file too.</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button size="sm" onClick={() => onUse(saved.choices)}>
          Use the mapping from {saved.fileName} ({date})
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setDismissed(true)}>
          Keep the suggestions
        </Button>
      </div>
    </Alert>
  );
}
