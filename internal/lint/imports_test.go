// Package lint holds tests that keep the code base's shape: lower layers
// never import upper ones, and only the API edge sees protobuf.
package lint

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/kite-db/kite/"

// forbidden lists, per package prefix, the import prefixes it must not use.
var forbidden = map[string][]string{
	"internal/distance":    {module + "internal/"},
	"internal/bitset":      {module + "internal/"},
	"internal/schema":      {module + "internal/"},
	"internal/column":      {module + "internal/index", module + "internal/segment", module + "internal/service", module + "internal/api"},
	"internal/wal":         {module + "internal/"},
	"internal/geo":         {module + "internal/"},
	"internal/timestamptz": {module + "internal/"},
	"internal/expr":        {module + "internal/segment", module + "internal/shard", module + "internal/service", module + "internal/api", module + "internal/query"},
	"internal/index":       {module + "internal/segment", module + "internal/shard", module + "internal/service", module + "internal/api", module + "internal/query"},
	"internal/segment":     {module + "internal/shard", module + "internal/service", module + "internal/api", module + "internal/query"},
	"internal/shard":       {module + "internal/service", module + "internal/api"},
	"internal/query":       {module + "internal/service", module + "internal/api"},
	"internal/rerank":      {module + "internal/segment", module + "internal/shard", module + "internal/service", module + "internal/api", module + "internal/query"},
	"internal/catalog":     {module + "internal/service", module + "internal/api", module + "internal/shard"},
	"internal/service":     {module + "internal/api"},
}

// protoAllowed are the packages that may import milvus-proto.
var protoAllowed = []string{"internal/api", "internal/apierr", "internal/server", "cmd/"}

func TestImportLayers(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && (strings.HasPrefix(rel, "tests") || strings.HasPrefix(d.Name(), "_") || strings.HasPrefix(d.Name(), ".")) && rel != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			checkImport(t, filepath.ToSlash(rel), strings.Trim(imp.Path.Value, `"`))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkImport(t *testing.T, file, imp string) {
	for pkg, bad := range forbidden {
		if !strings.HasPrefix(file, pkg+"/") {
			continue
		}
		for _, b := range bad {
			if within(imp, b) && !within(imp, module+pkg) {
				t.Errorf("%s imports %s: %s must not depend on it", file, imp, pkg)
			}
		}
	}
	if strings.HasPrefix(imp, "github.com/milvus-io/milvus-proto") {
		for _, ok := range protoAllowed {
			if strings.HasPrefix(file, ok) {
				return
			}
		}
		t.Errorf("%s imports %s: only the API edge may use protobuf types", file, imp)
	}
}

// within reports whether imp is pkg or below it; a prefix ending in "/"
// matches everything under it.
func within(imp, pkg string) bool {
	if strings.HasSuffix(pkg, "/") {
		return strings.HasPrefix(imp, pkg)
	}
	return imp == pkg || strings.HasPrefix(imp, pkg+"/")
}
