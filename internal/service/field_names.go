package service

import (
	"strings"

	"github.com/kite-db/kite/internal/apierr"
)

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
