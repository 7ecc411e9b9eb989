package reports

import (
	"context"

	"releasedesk/data"
)

// JiraStore checks and applies Jira imports; *data.Store is one.
type JiraStore interface {
	PreviewJira(ctx context.Context, issues []data.JiraIssue, opt data.JiraOptions) (data.JiraPreview, error)
	ImportJira(ctx context.Context, issues []data.JiraIssue, opt data.JiraOptions) (data.JiraResult, error)
	PreviewJiraVersions(ctx context.Context, versions []data.JiraVersion) (data.JiraVersionsPreview, error)
	ImportJiraVersions(ctx context.Context, versions []data.JiraVersion) ([]data.Release, error)
}

// PreviewJira says what importing an issue export would do — the items it
// writes and how, the releases and products it creates, how issue types
// map to kinds, the issues it skips and every problem, the file's and the
// store's — without writing anything.
func PreviewJira(ctx context.Context, st JiraStore, exp JiraExport, opt data.JiraOptions) (data.JiraPreview, error) {
	preview, err := st.PreviewJira(ctx, exp.Issues, opt)
	if err != nil {
		return preview, err
	}
	preview.Errors = fileOrder(exp.Columns, append(append([]data.PlanError(nil), exp.Errors...), preview.Errors...))
	return preview, nil
}

// ImportJira writes the work items of an issue export, all in one
// transaction, or nothing: when any row is bad the error is a
// *data.PlanErrors listing every problem by row and column.
func ImportJira(ctx context.Context, st JiraStore, exp JiraExport, opt data.JiraOptions) (data.JiraResult, error) {
	if len(exp.Errors) > 0 {
		preview, err := PreviewJira(ctx, st, exp, opt)
		if err != nil {
			return data.JiraResult{}, err
		}
		return data.JiraResult{}, &data.PlanErrors{Errors: preview.Errors}
	}
	res, err := st.ImportJira(ctx, exp.Issues, opt)
	if pe, ok := data.AsPlanErrors(err); ok {
		return data.JiraResult{}, &data.PlanErrors{Errors: fileOrder(exp.Columns, pe.Errors)}
	}
	return res, err
}

// PreviewJiraVersions says what importing a versions list would do, without writing.
func PreviewJiraVersions(ctx context.Context, st JiraStore, l JiraVersionsList) (data.JiraVersionsPreview, error) {
	preview, err := st.PreviewJiraVersions(ctx, l.Versions)
	if err != nil {
		return preview, err
	}
	preview.Errors = fileOrder(l.Columns, append(append([]data.PlanError(nil), l.Errors...), preview.Errors...))
	return preview, nil
}

// ImportJiraVersions creates the releases of a versions list that do not
// exist yet, all or nothing, as data.Store.ImportJiraVersions describes.
func ImportJiraVersions(ctx context.Context, st JiraStore, l JiraVersionsList) ([]data.Release, error) {
	if len(l.Errors) > 0 {
		preview, err := PreviewJiraVersions(ctx, st, l)
		if err != nil {
			return nil, err
		}
		return nil, &data.PlanErrors{Errors: preview.Errors}
	}
	created, err := st.ImportJiraVersions(ctx, l.Versions)
	if pe, ok := data.AsPlanErrors(err); ok {
		return nil, &data.PlanErrors{Errors: fileOrder(l.Columns, pe.Errors)}
	}
	return created, err
}

// fileOrder orders errs by row and, within a row, by the file's columns,
// blaming each cell once.
func fileOrder(columns []PlanColumn, errs []data.PlanError) []data.PlanError {
	return Plan{Columns: columns}.sortErrors(errs)
}
