package apierr

// Codes Milvus's REST layer adds (merr's "high-level restful api" range).
const (
	CodeBadFormat    = 1801
	CodeMissingParam = 1802
	CodeInsertData   = 1804
	CodeSearchResult = 1805
	CodePrimaryKey   = 1806
)

// BadFormat is a REST body that is not the JSON Milvus expects.
func BadFormat(why string) *Error {
	return &Error{Code: CodeBadFormat, Reason: "can only accept json format request, " + why, Input: true}
}

// MissingRequired names a REST parameter the body lacks.
func MissingRequired(param string) *Error {
	return &Error{Code: CodeMissingParam, Reason: "missing required parameters, error: " + param + " is required", Input: true}
}

// InsertData is REST row data that cannot be converted.
func InsertData(err error) *Error {
	return &Error{Code: CodeInsertData, Reason: "fail to deal the insert data, error: " + err.Error(), Input: true}
}

// PrimaryKey is a REST primary key of the wrong type.
func PrimaryKey(err error) *Error {
	return &Error{Code: CodePrimaryKey, Reason: "please check the primary key and its' type can only in [int, string], error: " + err.Error(), Input: true}
}

// SearchResult is a search result the REST layer cannot encode.
func SearchResult(err error) *Error {
	return &Error{Code: CodeSearchResult, Reason: "fail to parse search result, error: " + err.Error()}
}
