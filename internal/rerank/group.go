package rerank

import (
	"fmt"
	"sort"
)

// group is one group-by value's members, best first.
type group struct {
	ids    []any
	scores []float32
	score  float32 // the group's rank score
}

// groupScorer returns how a group's score comes from its members'.
func groupScorer(name string) (func(g *group) float32, error) {
	switch name {
	case "", "max":
		return func(g *group) float32 { return g.scores[0] }, nil // members are best first
	case "sum":
		return sumScores, nil
	case "avg":
		return func(g *group) float32 { return sumScores(g) / float32(len(g.scores)) }, nil
	}
	return nil, fmt.Errorf("input group scorer type: %s is not supported!: %w", name, ErrInvalidParameter)
}

func sumScores(g *group) float32 {
	var s float32
	for _, v := range g.scores {
		s += v
	}
	return s
}

// groupOrder keeps the GroupSize best candidates of each group value (by
// new score, larger first, as Milvus groups whatever the metric), orders
// the groups by their score (then the larger group, then the smaller first
// primary key) and returns the members of the window's groups.
func groupOrder(scores map[any]float32, first map[any]*Candidate, w Window) ([]Ranked, error) {
	score, err := groupScorer(w.GroupScorer)
	if err != nil {
		return nil, err
	}
	byValue := map[any]*group{}
	var groups []*group
	for _, id := range sortedIDs(scores, true) {
		v := first[id].Group
		g := byValue[v]
		if g == nil {
			g = &group{}
			byValue[v] = g
			groups = append(groups, g)
		}
		if len(g.ids) < w.GroupSize {
			g.ids, g.scores = append(g.ids, id), append(g.scores, scores[id])
		}
	}
	for _, g := range groups {
		g.score = score(g)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		switch {
		case a.score != b.score:
			return a.score > b.score
		case len(a.ids) != len(b.ids):
			return len(a.ids) > len(b.ids)
		}
		return lessID(a.ids[0], b.ids[0])
	})
	var out []Ranked
	for i := w.Offset; i < len(groups) && i < w.Offset+w.Limit; i++ {
		for k, id := range groups[i].ids {
			out = append(out, Ranked{Ref: first[id].Ref, Score: groups[i].scores[k]})
		}
	}
	return out, nil
}
