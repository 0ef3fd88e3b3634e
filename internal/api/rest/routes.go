package rest

// endpoints maps "<resource>/<verb>" to its handler. Paths Milvus serves
// that are not here (users, roles, import jobs, ...) answer
// code 10 naming the endpoint.
var endpoints = map[string]endpoint{
	"collections/create":                  createCollection,
	"collections/list":                    listCollections,
	"collections/describe":                describeCollection,
	"collections/has":                     hasCollection,
	"collections/drop":                    dropCollection,
	"collections/rename":                  renameCollection,
	"collections/get_stats":               collectionStats,
	"collections/load":                    loadCollection,
	"collections/refresh_load":            loadCollection,
	"collections/flush":                   flushCollection,
	"collections/release":                 releaseCollection,
	"collections/get_load_state":          loadState,
	"collections/alter_properties":        alterCollection,
	"collections/drop_properties":         dropCollectionProperties,
	"collections/fields/add":              addCollectionField,
	"collections/fields/alter_properties": alterCollectionField,
	"collections/truncate":                truncateCollection,
	"collections/compact":                 compactCollection,
	"collections/get_compaction_state":    compactionState,

	"entities/insert": insertEntities,
	"entities/upsert": upsertEntities,
	"entities/delete": deleteEntities,
	"entities/query":  queryEntities,
	"entities/get":    getEntities,
	"entities/search": searchEntities,

	"entities/hybrid_search":   hybridSearch,
	"entities/advanced_search": hybridSearch, // Milvus's older name for it

	"partitions/create":    createPartition,
	"partitions/list":      listPartitions,
	"partitions/has":       hasPartition,
	"partitions/drop":      dropPartition,
	"partitions/load":      loadPartitions,
	"partitions/release":   releasePartitions,
	"partitions/get_stats": partitionStats,

	"aliases/create":   createAlias,
	"aliases/list":     listAliases,
	"aliases/describe": describeAlias,
	"aliases/alter":    alterAlias,
	"aliases/drop":     dropAlias,

	"indexes/create":           createIndex,
	"indexes/list":             listIndexes,
	"indexes/describe":         describeIndex,
	"indexes/drop":             dropIndex,
	"indexes/alter_properties": alterIndexProperties,
	"indexes/drop_properties":  dropIndexProperties,

	"databases/create":           createDatabase,
	"databases/list":             listDatabases,
	"databases/describe":         describeDatabase,
	"databases/drop":             dropDatabase,
	"databases/alter":            alterDatabase,
	"databases/alter_properties": alterDatabase,
	"databases/drop_properties":  dropDatabaseProperties,
}
