package popolo_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factions/factions/popolo"
)

// schemaDir holds the Popolo draft-03 JSON schemas, beside the repository.
const schemaDir = "../../shared/popolo/schemas"

// validateScript validates a Popolo document (argv[2]) against the schemas
// in argv[1] with jsonschema's Draft3Validator, resolving the schemas' $refs
// (http://www.popoloproject.com/schemas/NAME.json#) to the local files. It
// also reports properties that the schemas do not define (draft-03 allows
// them; the export must not use them) and prints one line per problem.
const validateScript = `
import json, os, sys, warnings
warnings.simplefilter("ignore")
import jsonschema

schema_dir, doc_path = sys.argv[1], sys.argv[2]
base = "http://www.popoloproject.com/schemas/"
store = {}
for name in sorted(os.listdir(schema_dir)):
    if name.endswith(".json"):
        with open(os.path.join(schema_dir, name)) as f:
            store[base + name] = json.load(f)
with open(doc_path) as f:
    doc = json.load(f)

checker = getattr(jsonschema.Draft3Validator, "FORMAT_CHECKER", None) or getattr(jsonschema, "draft3_format_checker", None)
problems = []

def undefined(inst, schema, path):
    ref = schema.get("$ref")
    if ref:
        schema = store[ref.split("#")[0]]
    if isinstance(inst, dict) and "properties" in schema:
        for k, v in inst.items():
            if k not in schema["properties"]:
                problems.append("%s: property %r is not defined by %s" % (path, k, schema.get("title")))
            else:
                undefined(v, schema["properties"][k], path + "." + k)
    elif isinstance(inst, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(inst):
            undefined(v, schema["items"], "%s[%d]" % (path, i))

counts = {}
for key, kind in (("persons", "person"), ("organizations", "organization"), ("memberships", "membership"), ("posts", "post")):
    schema = store[base + kind + ".json"]
    resolver = jsonschema.RefResolver(base + kind + ".json", schema, store=store)
    validator = jsonschema.Draft3Validator(schema, resolver=resolver, format_checker=checker)
    items = doc.get(key)
    if not isinstance(items, list):
        problems.append("%s: not an array" % key)
        continue
    counts[key] = len(items)
    for i, item in enumerate(items):
        where = "%s[%d] (%s)" % (key, i, item.get("id") if isinstance(item, dict) else "?")
        for e in validator.iter_errors(item):
            problems.append("%s: %s at %s" % (where, e.message, "/".join(str(p) for p in e.absolute_path)))
        undefined(item, schema, where)
extra = sorted(set(doc) - {"persons", "organizations", "memberships", "posts"})
if extra:
    problems.append("document: unexpected keys %s" % extra)
for p in problems:
    print(p)
print("validated %s with jsonschema %s: %d problems" % (counts, getattr(jsonschema, "__version__", "?"), len(problems)))
sys.exit(1 if problems else 0)
`

// python returns a Python 3 that imports jsonschema, or skips the test.
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import jsonschema").Run() == nil {
			return path
		}
	}
	t.Skip("no python3 imports jsonschema: install python3-jsonschema (Debian) to run the Popolo schema test; .ci/run installs it")
	return ""
}

// TestSchemas checks every person, organization, membership and post of the
// fixture's export against the Popolo JSON schemas.
func TestSchemas(t *testing.T) {
	if _, err := os.Stat(filepath.Join(schemaDir, "membership.json")); err != nil {
		t.Skipf("the Popolo schemas are not at %s (../shared/popolo beside the repository): %v", schemaDir, err)
	}
	py := python(t)

	t.Run("Export", func(t *testing.T) {
		doc := export(t, newFixture(t).db)
		if len(doc.Persons) == 0 || len(doc.Organizations) == 0 || len(doc.Memberships) == 0 || len(doc.Posts) == 0 {
			t.Fatalf("the fixture exports %d persons, %d organizations, %d memberships, %d posts; want some of each",
				len(doc.Persons), len(doc.Organizations), len(doc.Memberships), len(doc.Posts))
		}
		var buf bytes.Buffer
		if err := popolo.Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		out, err := validate(t, py, buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v\n%s", py, err, out)
		}
		t.Logf("%s", out)
	})

	// The validator itself must catch what the schemas forbid: a bad date,
	// a link without its URL (through link.json's $ref) and a property no
	// schema defines.
	t.Run("CatchesErrors", func(t *testing.T) {
		bad := `{"persons": [], "organizations": [{"id": "organization/1", "name": "X", "founding_date": "10 March 2023"}],
			"memberships": [{"id": "membership/1", "person_id": "person/1", "sources": [{"note": "no url"}]}],
			"posts": [{"id": "post/1", "label": "governor", "area_name": "Sindh"}]}`
		out, err := validate(t, py, []byte(bad))
		if err == nil {
			t.Fatalf("an invalid document passed:\n%s", out)
		}
		for _, want := range []string{"founding_date", "'url' is a required property", "'area_name' is not defined", "3 problems"} {
			if !strings.Contains(out, want) {
				t.Errorf("the validator's report lacks %q:\n%s", want, out)
			}
		}
	})
}

// validate runs validateScript with py on the JSON document doc and returns
// its report; the error is not nil when the document is invalid.
func validate(t *testing.T, py string, doc []byte) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "popolo.json")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", validateScript, schemaDir, path).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}
