package rest

import (
	"errors"

	"github.com/kite-db/kite/internal/apierr"
)

// Codes Milvus's REST layer adds to the shared table (merr's "high-level
// restful api" range), with their message prefixes.
const (
	codeBadFormat    = 1801
	codeMissingParam = 1802
	codeInsertData   = 1804
	codeSearchResult = 1805
	codePrimaryKey   = 1806
)

func errBadFormat(why string) error {
	return &apierr.Error{Code: codeBadFormat, Reason: "can only accept json format request, " + why, Input: true}
}

func errMissing(param string) error {
	return &apierr.Error{Code: codeMissingParam, Reason: "missing required parameters, error: " + param + " is required", Input: true}
}

// errInsertData wraps a row conversion failure; errors that already carry a
// Milvus code keep it.
func errInsertData(err error) error {
	if isAPIErr(err) {
		return err
	}
	return &apierr.Error{Code: codeInsertData, Reason: "fail to deal the insert data, error: " + err.Error(), Input: true}
}

func errPrimaryKey(err error) error {
	if isAPIErr(err) {
		return err
	}
	return &apierr.Error{Code: codePrimaryKey, Reason: "please check the primary key and its' type can only in [int, string], error: " + err.Error(), Input: true}
}

func errSearchResult(err error) error {
	return &apierr.Error{Code: codeSearchResult, Reason: "fail to parse search result, error: " + err.Error()}
}

func isAPIErr(err error) bool {
	var ae *apierr.Error
	return errors.As(err, &ae)
}
