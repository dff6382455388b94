package org.tokenyield.prompts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PromptRepository extends JpaRepository<Prompt, Long> {

	@Query("""
			select p from Prompt p where p.textHash = ?1 and p.mergedIntoId is null
			   and p.status in (org.tokenyield.prompts.PromptStatus.PENDING, org.tokenyield.prompts.PromptStatus.APPROVED)""")
	Optional<Prompt> findLiveByTextHash(String textHash);

	/**
	 * The live prompts of these text hashes. A join with the list, not {@code in}: under
	 * a generic plan a list of parameters is searched one by one for every row of a scan,
	 * which an import's first minutes (a table growing faster than its statistics) made a
	 * stall of tens of seconds (docs/benchmark.md, "prompts of an import").
	 */
	@Query(value = """
			select p.* from prompts p join unnest(cast(?1 as text[])) as h(text_hash) on p.text_hash = h.text_hash
			 where p.merged_into_id is null and p.status in ('PENDING', 'APPROVED')""", nativeQuery = true)
	List<Prompt> findLiveByTextHashIn(String[] textHashes);

	Optional<Prompt> findByKey(String key);

	/**
	 * The prompts of these keys, by a join with the list as
	 * {@link #findLiveByTextHashIn}.
	 */
	@Query(value = "select p.* from prompts p join unnest(cast(?1 as text[])) as k(prompt_key) on p.prompt_key = k.prompt_key",
			nativeQuery = true)
	List<Prompt> findByKeyIn(String[] keys);

	@Query("select p from Prompt p where p.status = ?1 order by p.createdAt, p.id")
	List<Prompt> findByStatus(PromptStatus status);

	@Query("select p from Prompt p where p.authorId = ?1 order by p.createdAt desc, p.id desc")
	List<Prompt> findByAuthor(long authorId);

	@Query("select count(p) from Prompt p where p.source = ?1")
	long countBySource(String source);

}
