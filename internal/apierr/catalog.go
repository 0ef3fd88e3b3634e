package apierr

import "fmt"

// The constructors below follow Milvus's messages word for word, so clients
// and people who search for them find the same answers.

// Internal wraps a server-side failure. A storage failure is answered
// without its file paths and internal IDs (a full disk as DiskLimit).
func Internal(err error) *Error {
	if e, ok := fromStorage(err); ok {
		return e
	}
	return &Error{Code: CodeServiceInternal, Reason: "service internal error: " + err.Error()}
}

// NotReady says the server is not serving yet, and why.
func NotReady(state string) *Error {
	return &Error{Code: CodeServiceNotReady, Reason: "service not ready[kite]: " + state, Retriable: true}
}

// Unimplemented names an RPC or option Kite does not support yet.
func Unimplemented(what, version string) *Error {
	return newErr(CodeUnimplemented, false, "service unimplemented: %s is not supported by Kite %s yet", what, version)
}

// Unsupported is an operation Milvus would also reject in this state.
func Unsupported(format string, args ...any) *Error {
	return newErr(CodeOperationUnsupported, true, format+": unsupported operation", args...)
}

// Unexpected is an error Milvus returns as a bare message (its rerankers'
// checks, model service failures), which its clients see with code 65535.
func Unexpected(msg string) *Error {
	return &Error{Code: CodeUnexpected, Reason: msg}
}

// Invalid is a bad request parameter; the message comes first as in Milvus.
func Invalid(format string, args ...any) *Error {
	return newErr(CodeParameterInvalid, true, format+": invalid parameter", args...)
}

// InvalidExpected reports a parameter that is not what Milvus accepts:
// "msg: invalid parameter[expected=...][actual=...]", or without "msg: ".
func InvalidExpected(expected, actual any, msg string) *Error {
	if msg == "" {
		return newErr(CodeParameterInvalid, true, "invalid parameter[expected=%v][actual=%v]", expected, actual)
	}
	return newErr(CodeParameterInvalid, true, "%s: invalid parameter[expected=%v][actual=%v]", msg, expected, actual)
}

// InvalidRange is a value outside [lower, upper], worded as Milvus's
// WrapErrParameterInvalidRange: "default value out of range: invalid
// parameter[128 out of range -128 <= value <= 127]".
func InvalidRange(lower, upper, actual any, msg string) *Error {
	return newErr(CodeParameterInvalid, true, "%s: invalid parameter[%v out of range %v <= value <= %v]", msg, actual, lower, upper)
}

// Missing names a required parameter the request lacks.
func Missing(param string) *Error {
	return newErr(CodeParameterMissing, true, "missing parameter[missing_param=%s]", param)
}

// TooLarge names a parameter above its limit.
func TooLarge(msg string) *Error {
	return newErr(CodeParameterTooLarge, true, "parameter too large[message=%s]", msg)
}

// DiskLimit says a write was refused because space ran out.
func DiskLimit(msg string) *Error {
	return newErr(CodeDiskLimitExceeded, false, "disk limit exceeded: %s", msg)
}

// CollectionNotFound names a missing collection and its database.
func CollectionNotFound(db, name string) *Error {
	return newErr(CodeCollectionNotFound, true, "collection not found[database=%s][collection=%s]", db, name)
}

// CantFindCollection is DescribeCollection's wording of a missing
// collection, which pymilvus and the SDK tests match on.
func CantFindCollection(db, name string) *Error {
	return newErr(CodeCollectionNotFound, true, "can't find collection[database=%s][collection=%s]", db, name)
}

// CollectionLoaded refuses a change a loaded collection cannot take.
func CollectionLoaded(name, why string) *Error {
	return newErr(CodeCollectionLoaded, true, "%s: collection already loaded[collection=%s]", why, name)
}

// CollectionNotLoaded names a collection that must be loaded first.
func CollectionNotLoaded(name string) *Error {
	return newErr(CodeCollectionNotLoaded, true, "collection not loaded[collection=%s]", name)
}

// SchemaMismatch says a write was built against an older schema.
func SchemaMismatch(collection string) *Error {
	return newErr(CodeSchemaMismatch, true, "collection schema mismatch[collection=%s]", collection)
}

// IllegalSchema explains why a schema is refused.
func IllegalSchema(collection, format string, args ...any) *Error {
	return newErr(CodeCollectionIllegal, true, "%s: illegal collection schema[collection=%s]", fmt.Sprintf(format, args...), collection)
}

// CollectionLimit is a database's collection count limit.
func CollectionLimit(db string, limit int) *Error {
	return newErr(CodeCollectionNumLimit, true, "exceeded the limit number of collections[dbName=%s][limit=%d]", db, limit)
}

// PartitionNotFound names a missing partition.
func PartitionNotFound(name string) *Error {
	return newErr(CodePartitionNotFound, true, "partition not found[partition=%s]", name)
}

// PartitionNameNotFound is a read naming a partition the collection lacks,
// as Milvus's proxy words it for searches and queries.
func PartitionNameNotFound(name string) *Error {
	return newErr(CodePartitionNotFound, true, "partition name %s not found", name)
}

// PartitionNotLoaded names a partition that must be loaded first.
func PartitionNotLoaded(name string) *Error {
	return newErr(CodePartitionNotLoaded, true, "partition not loaded[partition=%s]", name)
}

// DatabaseNotFound names a missing database.
func DatabaseNotFound(name string) *Error {
	return newErr(CodeDatabaseNotFound, true, "database not found[database=%s]", name)
}

// DatabaseInvalidName explains a bad database name.
func DatabaseInvalidName(name, why string) *Error {
	return newErr(CodeDatabaseInvalidName, true, "invalid database name[database=%s]: %s", name, why)
}

// DatabaseLimit is the database count limit.
func DatabaseLimit(limit int) *Error {
	return newErr(CodeDatabaseNumLimit, true, "exceeded the limit number of database[limit=%d]", limit)
}

// AliasNotFound names a missing alias.
func AliasNotFound(db, alias string) *Error {
	return newErr(CodeAliasNotFound, true, "alias not found[database=%s][alias=%s]", db, alias)
}

// AliasExists names an alias that is taken.
func AliasExists(alias, collection string) *Error {
	return newErr(CodeAliasAlreadyExist, true, "alias already exist[alias=%s]: it points to collection %s", alias, collection)
}

// AliasConflict is an alias that equals a collection name.
func AliasConflict(alias string) *Error {
	return newErr(CodeAliasNameConflict, true, "alias and collection name conflict[alias=%s]", alias)
}

// IndexNotFound names a missing index.
func IndexNotFound(name string) *Error {
	return newErr(CodeIndexNotFound, true, "index not found[indexName=%s]", name)
}

// IndexDuplicate is an index that clashes with one there, worded as
// Milvus's data coordinator: "CreateIndex failed: at most one distinct
// index is allowed per field".
func IndexDuplicate(msg string) *Error {
	return newErr(CodeIndexDuplicate, true, "CreateIndex failed: %s", msg)
}

// FieldNotFound names a missing field.
func FieldNotFound(name string) *Error {
	return newErr(CodeFieldNotFound, true, "field not found[field=%s]", name)
}

// FieldInvalidName explains a bad field name as Milvus wraps it, the
// explanation first: "Invalid field name: 1st. The first character ...:
// field name invalid[field=1st]" (an empty name is not repeated).
func FieldInvalidName(name, reason string) *Error {
	if name == "" {
		return newErr(CodeFieldInvalidName, true, "%s: field name invalid[field=]", reason)
	}
	return newErr(CodeFieldInvalidName, true, "Invalid field name: %s. %s: field name invalid[field=%s]", name, reason, name)
}

// IndexMissing says a collection cannot load before its vector field has an index.
func IndexMissing(field, collection string) *Error {
	return newErr(CodeIndexNotFound, true, "index not found[collection=%s]: there is no vector index on field: [%s], please create index firstly", collection, field)
}
