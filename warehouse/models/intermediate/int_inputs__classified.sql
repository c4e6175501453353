-- Every input record with its outcome: new (made a document), duplicate (content already seen), quarantined.
with inputs as (
    select * from stg_lake__inputs
),

documents as (
    select document_id, source as document_source from int_documents__deduplicated
),

final as (
    select
        inputs.source,
        inputs.file_path,
        inputs.size_bytes,
        inputs.raw_sha256,
        inputs.content_hash,
        inputs.encoding,
        case
            when inputs.status = 'quarantined' then 'quarantined'
            when documents.document_source = inputs.source then 'new'
            else 'duplicate'
        end as status,
        inputs.document_id,
        inputs.run_id,
        inputs.seen_at
    from inputs
    left join documents
        on inputs.document_id = documents.document_id
)

select * from final
