package rest

import (
	"errors"

	"github.com/kite-db/kite/internal/apierr"
)

func errBadFormat(why string) error { return apierr.BadFormat(why) }

func errMissing(param string) error { return apierr.MissingRequired(param) }

// errInsertData wraps a row conversion failure; errors that already carry a
// Milvus code keep it.
func errInsertData(err error) error {
	if isAPIErr(err) {
		return err
	}
	return apierr.InsertData(err)
}

func errPrimaryKey(err error) error {
	if isAPIErr(err) {
		return err
	}
	return apierr.PrimaryKey(err)
}

func errSearchResult(err error) error { return apierr.SearchResult(err) }

func isAPIErr(err error) bool {
	var ae *apierr.Error
	return errors.As(err, &ae)
}
