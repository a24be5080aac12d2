// Validates a submission against the API's own JSON Schema (submission.schema.json, generated from
// api/openapi.yaml and kept in sync by a test): the rules have one definition. This checks exactly the keywords
// that schema uses; tests/web/test_submission_schema.py fails if the schema starts using another one.
// "description" is an annotation (it says the rule in words for API clients) and validates nothing.
export const SUPPORTED_KEYWORDS = [
  "type", "required", "properties", "additionalProperties", "items",
  "minLength", "maxLength", "pattern", "maxItems", "minItems", "description",
];

let schema = null;

export async function submissionSchema() {
  if (schema === null) {
    const response = await fetch("assets/submission.schema.json");
    schema = await response.json();
  }
  return schema;
}

const length = (text) => [...text].length;

function check(rule, value, path, errors) {
  if (rule.type === "object") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return errors.push({ path, keyword: "type" });
    for (const name of rule.required || []) if (!(name in value)) errors.push({ path: name, keyword: "required" });
    for (const [name, item] of Object.entries(value)) {
      const inner = (rule.properties || {})[name];
      if (inner) check(inner, item, name, errors);
      else if (rule.additionalProperties === false) errors.push({ path: name, keyword: "additionalProperties" });
    }
    return;
  }
  if (rule.type === "array") {
    if (!Array.isArray(value)) return errors.push({ path, keyword: "type" });
    if (rule.maxItems !== undefined && value.length > rule.maxItems) errors.push({ path, keyword: "maxItems", limit: rule.maxItems });
    if (rule.minItems !== undefined && value.length < rule.minItems) errors.push({ path, keyword: "minItems", limit: rule.minItems });
    value.forEach((item, index) => check(rule.items || {}, item, path, errors, index));
    return;
  }
  if (rule.type === "string") {
    if (typeof value !== "string") return errors.push({ path, keyword: "type" });
    if (rule.minLength !== undefined && length(value) < rule.minLength) errors.push({ path, keyword: "minLength", limit: rule.minLength, value });
    if (rule.maxLength !== undefined && length(value) > rule.maxLength) errors.push({ path, keyword: "maxLength", limit: rule.maxLength, value });
    if (rule.pattern !== undefined && !new RegExp(rule.pattern, "u").test(value)) errors.push({ path, keyword: "pattern", value });
  }
}

// Every rule the value breaks, as { path: field name, keyword, limit?, value? }.
export function validate(rule, value) {
  const errors = [];
  check(rule, value, "", errors);
  return errors;
}
