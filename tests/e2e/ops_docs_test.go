package e2e

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docs/errors.md lists every code and every error constructor of
// internal/apierr, so the catalog cannot fall behind the code.
func TestOpsErrorCatalogComplete(t *testing.T) {
	doc, err := os.ReadFile("../../docs/errors.md")
	ok(t, err, "read docs/errors.md")
	files, _ := filepath.Glob("../../internal/apierr/*.go")
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		ok(t, err, "parse %s", f)
		names = append(names, catalogNames(af)...)
	}
	if len(names) < 10 {
		t.Fatalf("found only %v in internal/apierr", names)
	}
	for _, n := range names {
		if !strings.Contains(string(doc), "`"+n+"`") {
			t.Errorf("docs/errors.md does not list %s", n)
		}
	}
}

// catalogNames returns the Code* constants and the exported functions that
// return *Error.
func catalogNames(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok && d.Tok == token.CONST {
					for _, n := range vs.Names {
						if strings.HasPrefix(n.Name, "Code") {
							out = append(out, n.Name)
						}
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv != nil || !d.Name.IsExported() || d.Type.Results == nil || len(d.Type.Results.List) != 1 {
				continue
			}
			if star, ok := d.Type.Results.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok && id.Name == "Error" {
					out = append(out, d.Name.Name)
				}
			}
		}
	}
	return out
}
