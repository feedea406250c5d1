import type Database from "better-sqlite3";

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement compiled once per connection and kept, like PostgreSQL's named statements. */
export function prepareSqliteStatement(sqlite: Database.Database, text: string): Database.Statement {
  let byText = prepared.get(sqlite);
  if (!byText) prepared.set(sqlite, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = sqlite.prepare(text)));
  return statement;
}
