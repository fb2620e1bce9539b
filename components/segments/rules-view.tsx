import { Badge } from "@/components/ui/badge";
import type { FieldCatalog } from "@/lib/fields/catalog";
import type { ConditionNode, GroupNode } from "@/lib/segments/schema";
import { ruleText } from "@/lib/segments/summary";

function groupHeading(g: GroupNode): string {
  if (g.negate) return g.combinator === "or" ? "None of these" : "Not all of these";
  return g.combinator === "or" ? "Any of these" : "All of these";
}

const KIND: Readonly<Record<ConditionNode["type"], string>> = { field: "Field", orders: "Orders", event: "Event", segment: "Segment", rfm: "RFM", group: "Group" };

function Rule({ node, ctx, path }: { node: ConditionNode; ctx: { catalog: FieldCatalog; segmentNames: ReadonlyMap<string, string> }; path: string }) {
  if (node.type === "group" && node.negate && node.children.length === 1 && node.children[0].type !== "group") {
    const inner = node.children[0];
    return (
      <li className="flex flex-wrap items-baseline gap-2 rounded-md border border-amber-300 bg-white px-3 py-2" aria-label={`Rule ${path}`}>
        <Badge variant="warning">NOT</Badge>
        <Badge>{KIND[inner.type]}</Badge>
        <span className="text-sm text-slate-800">{ruleText(inner, ctx)}</span>
      </li>
    );
  }
  if (node.type === "group") {
    return (
      <li className="rounded-md border-l-4 border-brand-300 bg-slate-50 px-3 py-2" aria-label={`Rule ${path}`}>
        <GroupList group={node} ctx={ctx} path={path} />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-baseline gap-2 rounded-md border border-slate-200 bg-white px-3 py-2" aria-label={`Rule ${path}`}>
      <Badge>{KIND[node.type]}</Badge>
      <span className="text-sm text-slate-800">{ruleText(node, ctx)}</span>
    </li>
  );
}

function GroupList({ group, ctx, path }: { group: GroupNode; ctx: { catalog: FieldCatalog; segmentNames: ReadonlyMap<string, string> }; path: string }) {
  return (
    <>
      <p className="text-sm font-medium text-slate-700">Customers who match {groupHeading(group).toLowerCase()}:</p>
      <ol className="mt-2 space-y-2">
        {group.children.map((c, i) => <Rule key={i} node={c} ctx={ctx} path={`${path}.${i + 1}`} />)}
      </ol>
    </>
  );
}

/** The rules of a segment as text and badges, for people who may read but not change them. */
export function RulesView({ root, catalog, segmentNames }: { root: GroupNode; catalog: FieldCatalog; segmentNames: ReadonlyMap<string, string> }) {
  if (root.children.length === 0) return <p className="text-sm text-slate-600">This segment has no rules yet.</p>;
  return <div data-testid="rules-view"><GroupList group={root} ctx={{ catalog, segmentNames }} path="1" /></div>;
}
