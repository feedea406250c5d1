/**
 * Shopify's Admin API runs graphql-ruby, whose error messages and `extensions.code`
 * differ from graphql-js. Apps sometimes match on them, so validation errors are
 * rewritten into graphql-ruby's wording for the common cases; the rest keep graphql-js's.
 */
import type { GraphQLError, GraphQLFormattedError } from "graphql";

type Rewrite = (match: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };

const REWRITES: ReadonlyArray<readonly [RegExp, Rewrite]> = [
  [
    /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
    ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  ],
  [
    /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./,
    ([, argument, , field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: { code: "argumentNotAccepted", name: field, typeName: "Field", argumentName: argument },
    }),
  ],
  [
    /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./,
    ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: argument },
    }),
  ],
  [
    /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${type} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type },
    }),
  ],
  [
    /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\./,
    ([, field, type]) => ({
      message: `Selections can't be made on scalars (field '${field}' returns ${type} but has selections [...])`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type },
    }),
  ],
  [
    /^Unknown type "([^"]+)"\./,
    ([, type]) => ({
      message: `No such type ${type}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: type },
    }),
  ],
  [
    /^Variable "\$([^"]+)" is never used(?: in operation "([^"]+)")?\./,
    ([, variable, operation]) => ({
      message: `Variable $${variable} is declared by ${operation ?? "anonymous query"} but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
];

export function toShopifyValidationError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  for (const [pattern, rewrite] of REWRITES) {
    const match = pattern.exec(error.message);
    if (match) {
      const { message, extensions } = rewrite(match);
      return { ...formatted, message, extensions };
    }
  }
  return { ...formatted, extensions: { code: "GRAPHQL_VALIDATION_FAILED", ...formatted.extensions } };
}

export function toShopifySyntaxError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  return { ...formatted, message: formatted.message.replace(/^Syntax Error: /, "syntax error, "), extensions: { code: "parseError" } };
}
