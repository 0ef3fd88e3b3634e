package service

import (
	"strings"

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

// filterKeywords are the words Milvus's filter language reserves, which
// cannot name a field (Milvus's common.FieldNameKeywords, case as listed).
var filterKeywords = map[string]bool{
	"$meta": true, "like": true, "exists": true, "EXISTS": true, "and": true, "or": true, "not": true, "in": true,
	"json_contains": true, "JSON_CONTAINS": true, "json_contains_all": true, "JSON_CONTAINS_ALL": true,
	"json_contains_any": true, "JSON_CONTAINS_ANY": true, "array_contains": true, "ARRAY_CONTAINS": true,
	"array_contains_all": true, "ARRAY_CONTAINS_ALL": true, "array_contains_any": true, "ARRAY_CONTAINS_ANY": true,
	"array_length": true, "ARRAY_LENGTH": true, "true": true, "True": true, "TRUE": true, "false": true, "False": true,
	"FALSE": true, "text_match": true, "TEXT_MATCH": true, "phrase_match": true, "PHRASE_MATCH": true,
	"random_sample": true, "RANDOM_SAMPLE": true,
}

// validFieldName applies Milvus's field name rules with its wording, which
// differs from collection names' (capitals, full stops): trimmed, not
// empty, at most 255 bytes, a letter or underscore first, then letters,
// digits and underscores, and not a filter keyword.
func validFieldName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return apierr.FieldInvalidName(name, "field name should not be empty")
	}
	if len(name) > MaxNameLength {
		return apierr.FieldInvalidName(name, "The length of a field name must be less than 255 characters.")
	}
	if c := name[0]; c != '_' && !isLetter(c) {
		return apierr.FieldInvalidName(name, "The first character of a field name must be an underscore or letter.")
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; c != '_' && !isLetter(c) && !isDigit(c) {
			return apierr.FieldInvalidName(name, "Field name can only contain numbers, letters, and underscores.")
		}
	}
	if filterKeywords[name] {
		return apierr.FieldInvalidName(name, name+" is keyword in milvus.")
	}
	return nil
}

// validPartitionName applies Milvus's partition name rules, looser than
// collection names' (a digit may come first, '-' after it), with its
// wording.
func validPartitionName(name string) error {
	name = strings.TrimSpace(name)
	invalid := "Invalid partition name: %s. "
	switch {
	case name == "":
		return apierr.Invalid(invalid+"Partition name should not be empty.", name)
	case len(name) > MaxNameLength:
		return apierr.Invalid(invalid+"The length of a partition name must be less than 255 characters.", name)
	case name[0] != '_' && !isLetter(name[0]) && !isDigit(name[0]):
		return apierr.Invalid(invalid+"The first character of a partition name must be an underscore or letter.", name)
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; c != '_' && c != '-' && !isLetter(c) && !isDigit(c) {
			return apierr.Invalid(invalid+"Partition name can only contain numbers, letters and underscores.", name)
		}
	}
	return nil
}
