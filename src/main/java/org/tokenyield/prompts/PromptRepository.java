package org.tokenyield.prompts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PromptRepository extends JpaRepository<Prompt, Long> {

	@Query("""
			select p from Prompt p where p.textHash = ?1 and p.mergedIntoId is null
			   and p.status in (org.tokenyield.prompts.PromptStatus.PENDING, org.tokenyield.prompts.PromptStatus.APPROVED)""")
	Optional<Prompt> findLiveByTextHash(String textHash);

	@Query("""
			select p from Prompt p where p.textHash in ?1 and p.mergedIntoId is null
			   and p.status in (org.tokenyield.prompts.PromptStatus.PENDING, org.tokenyield.prompts.PromptStatus.APPROVED)""")
	List<Prompt> findLiveByTextHashIn(Collection<String> textHashes);

	Optional<Prompt> findByKey(String key);

	List<Prompt> findByKeyIn(Collection<String> keys);

	@Query("select p from Prompt p where p.status = ?1 order by p.createdAt, p.id")
	List<Prompt> findByStatus(PromptStatus status);

	@Query("select p from Prompt p where p.authorId = ?1 order by p.createdAt desc, p.id desc")
	List<Prompt> findByAuthor(long authorId);

	@Query("select count(p) from Prompt p where p.source = ?1")
	long countBySource(String source);

}
