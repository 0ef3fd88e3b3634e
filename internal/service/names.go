package service

import (
	"github.com/kite-db/kite/internal/apierr"
)

// validName applies Milvus's rules for collection, partition, alias and field
// names: non-empty, at most 255 characters, a letter or underscore first,
// then letters, digits and underscores (dollar signs too where allowed).
func validName(kind, name string, allowDollar bool) error {
	if name == "" {
		return apierr.Invalid("%s name should not be empty", kind)
	}
	if len(name) > MaxNameLength {
		return apierr.Invalid("the length of a %s name must be less than %d characters", kind, MaxNameLength)
	}
	if c := name[0]; c != '_' && !isLetter(c) {
		return apierr.Invalid("Invalid %s name: %s. the first character of a %s name must be an underscore or letter", kind, name, kind)
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if c != '_' && !isLetter(c) && !isDigit(c) && !(allowDollar && c == '$') {
			what := "numbers, letters and underscores"
			if allowDollar {
				what = "numbers, letters, underscores and dollar signs"
			}
			return apierr.Invalid("Invalid %s name: %s. %s name can only contain %s", kind, name, kind, what)
		}
	}
	return nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func validDatabaseName(name string) error {
	if name == "" {
		return apierr.DatabaseInvalidName(name, "database name couldn't be empty")
	}
	if len(name) > MaxNameLength {
		return apierr.DatabaseInvalidName(name, "the length of a database name must be less than 255 characters")
	}
	if c := name[0]; c != '_' && !isLetter(c) {
		return apierr.DatabaseInvalidName(name, "the first character of a database name must be an underscore or letter")
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; c != '_' && !isLetter(c) && !isDigit(c) {
			return apierr.DatabaseInvalidName(name, "database name can only contain numbers, letters and underscores")
		}
	}
	return nil
}
