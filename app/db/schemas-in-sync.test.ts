import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  DATABASE_PROVIDERS,
  MODELS_PATH,
  parseModels,
  providerSchemaPath,
  renderProviderSchema,
} from "../../scripts/generate-prisma-schemas.ts";

const modelsSource = readFileSync(MODELS_PATH, "utf8");

describe("generated Prisma schemas", () => {
  it.each(DATABASE_PROVIDERS)("prisma/%s/schema.prisma is what `npm run prisma:schemas` writes", (provider) => {
    const committed = readFileSync(providerSchemaPath(provider), "utf8");
    // On failure: run `npm run prisma:schemas` (and `npm run prisma:generate`).
    expect(committed).toBe(renderProviderSchema(provider, modelsSource));
  });

  it("the models use only what both providers support", () => {
    expect(() => parseModels(modelsSource)).not.toThrow();
  });
});

describe("the portable subset", () => {
  const model = (body: string) => `model Thing {\n  id String @id\n${body}\n}\n`;

  it.each([
    ["an enum", "enum Colour {\n  RED\n}\n"],
    ["a datasource", 'datasource db {\n  provider = "sqlite"\n}\n'],
    ["a Json field", model("  data Json")],
    ["a Decimal field", model("  price Decimal")],
    ["a scalar list", model("  tags String[]")],
    ["a native type", model("  name String @db.VarChar(20)")],
    ["a database-generated default", model('  code String @default(dbgenerated("gen_random_uuid()"))')],
    ["a PostgreSQL index type", model("  name String\n  @@index([name], type: Hash)")],
  ])("rejects %s", (_label, source) => {
    expect(() => parseModels(source)).toThrow(/both SQLite and PostgreSQL/);
  });

  it("accepts relations, client-side defaults and mapped names", () => {
    const [parent, child] = parseModels(`
model Parent {
  id       String  @id @default(cuid())
  url      String  @default("https://example.com/a//b") // a comment
  children Child[]
}
model Child {
  id       Int     @id @default(autoincrement())
  parentId String  @map("parent_id")
  parent   Parent  @relation(fields: [parentId], references: [id], onDelete: Cascade)
  @@unique([parentId(sort: Desc)], map: "one_child_per_parent")
  @@map("children")
}
`);
    expect(parent?.fields.find((field) => field.name === "url")?.defaultExpression).toBe('"https://example.com/a//b"');
    expect(child?.tableName).toBe("children");
    expect(child?.uniqueIndexes).toEqual([{ columns: ["parent_id"], mappedName: "one_child_per_parent" }]);
    expect(child?.foreignKeys).toEqual([
      {
        columns: ["parent_id"],
        referencedTable: "Parent",
        referencedColumns: ["id"],
        onDelete: "Cascade",
        onUpdate: "Cascade",
      },
    ]);
  });
});
