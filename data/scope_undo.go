package data

// MovedWorkItems is the move of work items to release to, given the items
// as MoveWorkItems or CarryOver returned them (as they were). Undo puts
// each back in the release it came from, all in one transaction, refusing
// when one of them changed again since.
func MovedWorkItems(before []WorkItem, to uint) Change {
	steps := make([]Change, 0, len(before))
	for _, it := range before {
		if it.ReleaseID == to {
			continue // it was there already: the move left it alone
		}
		after := it
		after.ReleaseID, after.Release = to, Release{}
		it.Release = Release{}
		steps = append(steps, Edited(it, after))
	}
	return Together(steps...)
}

// PastedWorkItems is the addition of the work items PasteScope added; Undo
// removes them, in one transaction.
func PastedWorkItems(added []WorkItem) Change {
	steps := make([]Change, len(added))
	for i, it := range added {
		steps[i] = Created(it)
	}
	return Together(steps...)
}
