package rerank

// scoreMerge combines the scores a row got from several searches.
type scoreMerge func(lists [][]Candidate) map[any]float32

// scoreMerges are the decay reranker's score modes.
var scoreMerges = map[string]scoreMerge{"max": maxMerge, "sum": sumMerge, "avg": avgMerge}

func maxMerge(lists [][]Candidate) map[any]float32 {
	s := map[any]float32{}
	for _, hits := range lists {
		for _, h := range hits {
			if v, ok := s[h.ID]; !ok || h.Score > v {
				s[h.ID] = h.Score
			}
		}
	}
	return s
}

func sumMerge(lists [][]Candidate) map[any]float32 {
	s := map[any]float32{}
	for _, hits := range lists {
		for _, h := range hits {
			s[h.ID] += h.Score
		}
	}
	return s
}

func avgMerge(lists [][]Candidate) map[any]float32 {
	s, n := sumMerge(lists), map[any]float32{}
	for _, hits := range lists {
		for _, h := range hits {
			n[h.ID]++
		}
	}
	for id := range s {
		s[id] /= n[id]
	}
	return s
}
