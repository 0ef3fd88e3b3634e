package expr

// langSeeds seeds FuzzParse with the cases of the Milvus 2.6 constructs
// added after the first grammar: RANDOM_SAMPLE, TIMESTAMPTZ literals and
// intervals, literal forms and the bitwise operators Milvus refuses.
func langSeeds() []string {
	var out []string
	for _, c := range sampleCompileCases {
		out = append(out, c.src)
	}
	for _, c := range sampleCompileErrors {
		out = append(out, c.src)
	}
	for _, c := range literalCases {
		out = append(out, c.src)
	}
	for _, c := range literalErrors {
		out = append(out, c.src)
	}
	for _, c := range tszCases {
		out = append(out, c.src)
	}
	for _, c := range tszErrors {
		out = append(out, c.src)
	}
	return out
}
